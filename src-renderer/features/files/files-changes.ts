import type { ChangeKind, FileChange } from '../../../src-shared/contract'

export type ChangeFilter = ChangeKind | 'all'

export interface ChangesModel {
  counts: Record<ChangeFilter, number>
  rows: FileChange[]
}

/**
 * The diff against the image as the Files tab lists it: counts per kind, and the rows of the
 * chosen kind whose path contains the text, sorted by path (the engine's order is its walk's).
 */
export function changesModel(changes: readonly FileChange[], filter: ChangeFilter, text: string): ChangesModel {
  const counts: Record<ChangeFilter, number> = { all: changes.length, added: 0, changed: 0, deleted: 0 }
  for (const c of changes) counts[c.kind]++
  const needle = text.trim().toLowerCase()
  const rows = changes.filter((c) => (filter === 'all' || c.kind === filter) && (!needle || c.path.toLowerCase().includes(needle))).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return { counts, rows }
}
