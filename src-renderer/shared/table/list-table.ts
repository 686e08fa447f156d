/** A list screen's query: what is typed in its search box and the sort; each screen adds its filter. */
export interface ListQueryBase<K extends string> {
  search: string
  sortKey: K
  sortDir: 'asc' | 'desc'
}

/**
 * What a list screen gives its table (Containers, Images, Volumes): the items as shown (filtered
 * and sorted already), the selection, the rows a request is out on, the sort, and the time the
 * relative times count from. The table keeps no store: intents go back as events.
 */
export interface ListTableProps<Item, K extends string> {
  items: Item[]
  selected: ReadonlySet<string>
  pending: ReadonlySet<string>
  sortKey: K
  sortDir: 'asc' | 'desc'
  now: number
}

/** What every list table says back; each adds its own row actions. */
export interface ListTableEmits<K extends string> {
  sort: [key: K]
  toggleSelect: [key: string]
  selectAll: [select: boolean]
}
