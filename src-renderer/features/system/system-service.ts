import type { PruneCategory } from '../../../src-shared/contract'
import { api } from '../../api'

// What the Disk screen asks of main: usage (the engine walks its storage for it), what a clean-up
// would remove, and the clean-up itself.

export const diskUsage = () => api().invoke('system:df', {})
export const pruneInventory = () => api().invoke('system:prune-inventory', {})
export const pruneSystem = (categories: PruneCategory[]) => api().invoke('system:prune', { categories })
