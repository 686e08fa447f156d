import type { ImageRow } from '../../../src-shared/contract/images'
import type { ListQueryBase } from '../../shared/table/list-table'

export type ImageFilter = 'all' | 'in-use' | 'unused' | 'dangling'
export type ImageSortKey = 'repository' | 'tag' | 'size' | 'created' | 'containers'

export interface ImageQuery extends ListQueryBase<ImageSortKey> {
  filter: ImageFilter
}

export const IMAGE_FILTERS: readonly ImageFilter[] = ['all', 'in-use', 'unused', 'dangling']

/** How a row reads in the list and in search: `repo:tag`, or `<none>:<none>`. */
export function imageName(row: Pick<ImageRow, 'repository' | 'tag'>): string {
  return `${row.repository ?? '<none>'}:${row.tag ?? '<none>'}`
}

/** The short id `docker images` shows. */
export function shortImageId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12)
}

/** What removing a row means: its tag, or the image itself when it has none. */
export function removeTarget(row: Pick<ImageRow, 'id' | 'repository' | 'tag'>): string {
  return row.repository && row.tag ? `${row.repository}:${row.tag}` : row.id
}

function matches(row: ImageRow, filter: ImageFilter): boolean {
  switch (filter) {
    case 'all':
      return true
    case 'in-use':
      return row.containers > 0
    case 'unused':
      return row.containers === 0
    case 'dangling':
      return row.dangling
  }
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

function compare(a: ImageRow, b: ImageRow, key: ImageSortKey): number {
  switch (key) {
    case 'repository':
      return collator.compare(a.repository ?? '\uffff', b.repository ?? '\uffff') || collator.compare(a.tag ?? '', b.tag ?? '')
    case 'tag':
      return collator.compare(a.tag ?? '\uffff', b.tag ?? '\uffff')
    case 'size':
      return a.size - b.size
    case 'created':
      return a.created - b.created
    case 'containers':
      return a.containers - b.containers
  }
}

/**
 * The rows to show: filtered, searched (every word must appear in name, id or digest; case
 * folded), sorted; ties keep a stable order by name, then key.
 */
export function buildImageList(rows: Iterable<ImageRow>, query: ImageQuery): ImageRow[] {
  const words = query.search.toLowerCase().split(/\s+/).filter(Boolean)
  const out: ImageRow[] = []
  for (const row of rows) {
    if (!matches(row, query.filter)) continue
    if (words.length > 0) {
      const hay = `${imageName(row)} ${shortImageId(row.id)} ${row.digests.join(' ')}`.toLowerCase()
      if (!words.every((w) => hay.includes(w))) continue
    }
    out.push(row)
  }
  const dir = query.sortDir === 'asc' ? 1 : -1
  return out.sort((a, b) => dir * compare(a, b, query.sortKey) || collator.compare(imageName(a), imageName(b)) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}
