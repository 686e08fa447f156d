import { lazyComponent } from '../../shared/lazy-load-recovery'

// The terminal feature's public entry. xterm.js comes with the Terminal tab, the first time it is opened.
export const TerminalPane = lazyComponent(() => import('./TerminalPane.vue'))
