import type { VolumeRow } from '../../../src-shared/contract/volumes'
import type { ListQueryBase } from '../../shared/table/list-table'

export type VolumeFilter = 'all' | 'in-use' | 'dangling'
export type VolumeSortKey = 'name' | 'driver' | 'size' | 'created' | 'users'

export interface VolumeQuery extends ListQueryBase<VolumeSortKey> {
  filter: VolumeFilter
}

/** Dangling: no container uses it (the ones a prune would consider). */
export function isDangling(row: VolumeRow): boolean {
  return row.usedBy.length === 0
}

function matches(row: VolumeRow, words: string[]): boolean {
  if (words.length === 0) return true
  const hay = [row.name, row.driver, row.mountpoint, ...row.usedBy.map((u) => u.name), ...Object.entries(row.labels).map(([k, v]) => `${k}=${v}`)].join('\n').toLowerCase()
  return words.every((w) => hay.includes(w))
}

const compare: Record<VolumeSortKey, (a: VolumeRow, b: VolumeRow) => number> = {
  name: () => 0,
  driver: (a, b) => a.driver.localeCompare(b.driver),
  // Unknown sizes sort below every known one.
  size: (a, b) => (a.size ?? -1) - (b.size ?? -1),
  created: (a, b) => (a.created ?? 0) - (b.created ?? 0),
  users: (a, b) => a.usedBy.length - b.usedBy.length,
}

/** The rows to show: searched (name, driver, mountpoint, users, labels; every word must match), filtered, sorted; named volumes before anonymous ones on equal keys. */
export function visibleVolumes(rows: Iterable<VolumeRow>, q: VolumeQuery): VolumeRow[] {
  const words = q.search.toLowerCase().split(/\s+/).filter(Boolean)
  const out: VolumeRow[] = []
  for (const r of rows) {
    if (q.filter === 'in-use' && isDangling(r)) continue
    if (q.filter === 'dangling' && !isDangling(r)) continue
    if (matches(r, words)) out.push(r)
  }
  const dir = q.sortDir === 'asc' ? 1 : -1
  return out.sort((a, b) => dir * compare[q.sortKey](a, b) || Number(a.anonymous) - Number(b.anonymous) || dir * a.name.localeCompare(b.name))
}

/** A volume's size for a person: "—" when the engine does not know it. */
export function volumeSizeText(size: number | null, format: (bytes: number) => string): string {
  return size === null ? '—' : format(size)
}

/** A short form of an anonymous volume's 64-hex name, like an image id. */
export function shortVolumeName(row: Pick<VolumeRow, 'name' | 'anonymous'>): string {
  return row.anonymous && row.name.length === 64 ? row.name.slice(0, 12) : row.name
}
