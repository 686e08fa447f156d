import type { VolumePrunePreview, VolumeRow } from '../../../src-shared/contract/volumes'

/**
 * What a volume prune removes: every volume no container uses (stopped ones count as users,
 * as for the engine). Newer engines prune only anonymous volumes unless asked for all; Berth
 * asks the same question and removes exactly the listed names, so the preview is the act.
 */
export function prunePreview(rows: readonly VolumeRow[], includeNamed: boolean): VolumePrunePreview {
  const items = rows
    .filter((r) => r.usedBy.length === 0 && (includeNamed || r.anonymous))
    .sort((a, b) => (b.size ?? -1) - (a.size ?? -1) || a.name.localeCompare(b.name))
    .map((r) => ({ name: r.name, size: r.size, anonymous: r.anonymous }))
  return { items, bytes: items.reduce((n, i) => n + (i.size ?? 0), 0) }
}
