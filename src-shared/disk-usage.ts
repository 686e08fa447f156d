// What the Disk usage view shows and what the clean-up works from (types only; zod-free).

export interface DiskItem {
  id: string
  name: string
  size: number
  /** Would a prune of its category remove it now (unused, stopped, not in use)? */
  reclaimable: boolean
}

export interface DiskCategory {
  count: number
  /** In use: images with containers, running containers, volumes with containers, cache in use. */
  active: number
  total: number
  reclaimable: number
  /** The biggest items, largest first. */
  largest: DiskItem[]
  /** Sizes the engine could not tell (volumes on some drivers say -1). */
  unknownSizes: number
}

export interface DiskUsage {
  images: DiskCategory
  containers: DiskCategory
  volumes: DiskCategory
  buildCache: DiskCategory
  total: number
  reclaimable: number
}

export type PruneCategory = 'containers' | 'images-dangling' | 'images-unused' | 'volumes' | 'networks' | 'build-cache'

/** Everything the prunes could touch, as main read it from the engine; the plan is computed from it (prune-plan.ts). */
export interface PruneInventory {
  /** All containers; `matches` says whether the label filter (if any) selects it for removal. */
  containers: { id: string; name: string; matches: boolean; running: boolean; size: number; imageId: string; volumes: string[] }[]
  images: {
    id: string
    name: string
    /** What deleting it frees: its size less what it shares with other images. */
    unique: number
    tagged: boolean
    /** Another image is built on it: a prune can only untag it, which frees nothing. */
    parent: boolean
  }[]
  volumes: { name: string; size: number }[]
  networks: { id: string; name: string; running: number }[]
  buildCache: { id: string; description: string; size: number; inUse: boolean; shared: boolean }[]
  /** Volumes prune on API ≥ 1.42 needs `all=true` to remove named volumes too; main sends it. */
  apiVersion: string
  /** A label filter was applied: build cache (which has no labels) is left out. */
  label: string | null
}

export interface PruneResult {
  category: PruneCategory
  deleted: string[]
  spaceReclaimed: number
  error?: { code: string; message: string; details?: Record<string, unknown> }
}

export interface PruneReport {
  results: PruneResult[]
  spaceReclaimed: number
}
