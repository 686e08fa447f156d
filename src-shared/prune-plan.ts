import type { PruneCategory, PruneInventory } from './disk-usage'

interface PlanItem {
  id: string
  name: string
  size: number
}

export interface PlanEntry {
  category: PruneCategory
  items: PlanItem[]
  bytes: number
}

/** The order main runs prunes in: containers first, so images and volumes they used become unused. */
export const PRUNE_ORDER: readonly PruneCategory[] = ['containers', 'images-dangling', 'images-unused', 'volumes', 'networks', 'build-cache']

/**
 * What each ticked prune would remove, taking the earlier ones into account (a stopped
 * container's removal frees its image and volumes for the later prunes). Unticked categories
 * are planned as if run alone, so the user sees what ticking them would add.
 */
export function planPrune(inv: PruneInventory, ticked: ReadonlySet<PruneCategory>): PlanEntry[] {
  const prunable = inv.containers.filter((c) => !c.running && c.matches)
  const removedContainers = new Set(ticked.has('containers') ? prunable.map((c) => c.id) : [])
  const staying = inv.containers.filter((c) => !removedContainers.has(c.id))
  const imagesUsed = new Set(staying.map((c) => c.imageId))
  const volumesUsed = new Set(staying.flatMap((c) => c.volumes))
  const entry = (category: PruneCategory, items: PlanItem[]): PlanEntry => ({ category, items, bytes: items.reduce((n, i) => n + Math.max(0, i.size), 0) })

  const images = (onlyDangling: boolean) => {
    const used = ticked.has(onlyDangling ? 'images-dangling' : 'images-unused') ? imagesUsed : new Set(inv.containers.map((c) => c.imageId))
    return inv.images.filter((i) => !used.has(i.id) && (!onlyDangling || (!i.tagged && !i.parent))).map((i) => ({ id: i.id, name: i.name, size: i.parent ? 0 : i.unique }))
  }
  const volumes = () => {
    const used = ticked.has('volumes') ? volumesUsed : new Set(inv.containers.flatMap((c) => c.volumes))
    return inv.volumes.filter((v) => !used.has(v.name)).map((v) => ({ id: v.name, name: v.name, size: v.size }))
  }
  const dangling = images(true)
  // "Unused" includes the dangling ones; when both are ticked the dangling ones count once, under dangling.
  const danglingIds = new Set(ticked.has('images-dangling') && ticked.has('images-unused') ? dangling.map((i) => i.id) : [])
  return [
    entry(
      'containers',
      prunable.map((c) => ({ id: c.id, name: c.name, size: c.size })),
    ),
    entry('images-dangling', dangling),
    entry(
      'images-unused',
      images(false).filter((i) => !danglingIds.has(i.id)),
    ),
    entry('volumes', volumes()),
    entry(
      'networks',
      inv.networks.filter((n) => n.running === 0).map((n) => ({ id: n.id, name: n.name, size: 0 })),
    ),
    entry('build-cache', inv.label ? [] : inv.buildCache.filter((b) => !b.inUse).map((b) => ({ id: b.id, name: b.description || b.id.slice(0, 12), size: b.shared ? 0 : b.size }))),
  ]
}

/** Bytes the ticked categories would free together. */
export function plannedBytes(plan: PlanEntry[], ticked: ReadonlySet<PruneCategory>): number {
  return plan.filter((e) => ticked.has(e.category)).reduce((n, e) => n + e.bytes, 0)
}
