import { lazyComponent } from '../../shared/lazy-load-recovery'

// The stats feature's public entry. Chart.js comes with the Stats tab, the first time it is opened.
export const StatsPane = lazyComponent(() => import('./StatsPane.vue'))
