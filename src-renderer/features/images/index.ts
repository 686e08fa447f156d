import { lazyComponent } from '../../shared/lazy-load-recovery'

// The images feature's public entry: the pull and push dialogs any screen opens through the
// dialogs store (the app's DialogHost renders them), each loaded when first opened.
export const PullDialog = lazyComponent(() => import('./PullDialog.vue'))
export const PushDialog = lazyComponent(() => import('./PushDialog.vue'))
