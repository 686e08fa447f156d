import { lazyComponent } from '../../shared/lazy-load-recovery'

// The run feature's public entry: the run dialog any screen opens through the dialogs store,
// loaded when first opened.
export const RunDialog = lazyComponent(() => import('./RunDialog.vue'))
