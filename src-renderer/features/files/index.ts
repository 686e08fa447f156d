import { lazyComponent } from '../../shared/lazy-load-recovery'

// The files feature's public entry: the container's Files tab, loaded when first opened.
export const FilesPane = lazyComponent(() => import('./FilesPane.vue'))
