import { lazyComponent } from '../../shared/lazy-load-recovery'

// The build feature's public entry: the build dialog any screen opens through the dialogs store,
// loaded when first opened.
export const BuildDialog = lazyComponent(() => import('./BuildDialog.vue'))
