// The logs feature's public entry: the pane the container detail screen shows in its Logs tab.
export { default as LogsPane } from './LogsPane.vue'
