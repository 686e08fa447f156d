import { lazyComponent } from '../../shared/lazy-load-recovery'

// The run feature's public entry: the run dialog any screen opens through the dialogs store,
// loaded when first opened.
export const RunDialog = lazyComponent(() => import('./RunDialog.vue'))

// How the run dialog's command line writes a memory limit; the container detail's docker run line writes it the same way.
export { memoryFlag } from './run-command'
