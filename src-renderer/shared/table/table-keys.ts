/**
 * Where a navigation key moves a table's cursor: the next row, a page, either end, clamped to the
 * rows there are. null when the key is not a navigation key (the table handles it, or lets it be).
 */
export function cursorTarget(key: string, cursor: number, count: number, page: number): number | null {
  const to = ((): number | null => {
    switch (key) {
      case 'ArrowDown':
        return cursor + 1
      case 'ArrowUp':
        return cursor - 1
      case 'PageDown':
        return cursor + page
      case 'PageUp':
        return cursor - page
      case 'Home':
        return 0
      case 'End':
        return count - 1
      default:
        return null
    }
  })()
  if (to === null) return null
  return count === 0 ? cursor : Math.max(0, Math.min(count - 1, to))
}

/** How a column header tells assistive tech its sort: unsortable columns say nothing. */
export function ariaSort<K>(column: K | undefined, sortKey: K, sortDir: 'asc' | 'desc'): 'ascending' | 'descending' | 'none' | undefined {
  if (column === undefined) return undefined
  return sortKey === column ? (sortDir === 'asc' ? 'ascending' : 'descending') : 'none'
}

/** A click on a column title: the same column flips its direction, another one sorts ascending. */
export function toggledSort<K, Q extends { sortKey: K; sortDir: 'asc' | 'desc' }>(query: Q, key: K): Q {
  return { ...query, sortKey: key, sortDir: query.sortKey === key && query.sortDir === 'asc' ? 'desc' : 'asc' }
}
