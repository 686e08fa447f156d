// The containers feature's public entry: the live list other features read, and the toast that
// reports an action's outcomes (the detail screen acts on containers too).
export { useContainersStore, type ContainerAction } from './containers-store'
export { useActionReporter } from './use-action-reporter'
