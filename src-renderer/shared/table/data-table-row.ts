/** A virtualized table's fixed shape (DataTable): whose messages, its rows' ids, its columns and their grid. */
export interface DataTableLayout<K extends string> {
  /** Names the messages: title (the table's label), selectAll, sortBy, columns.actions. */
  scope: 'containers' | 'images'
  /** Each row's id is `${idPrefix}-${index}`; the scroller names the cursor's as its active descendant. */
  idPrefix: string
  /** key: the cell's classes; label: its message; sort: the sort key, for sortable columns. */
  columns: ReadonlyArray<{ key: string; label: string; sort?: K }>
  /** The grid of the header and of every row: the checkbox, the columns, the actions. */
  grid: string
}

/** One row DataTable renders: where it goes, its state, and the inputs its v-memo depends on. */
export interface DataTableRow {
  index: number
  key: string
  /** The row's offset in the sizer, from the virtualizer. */
  start: number
  selected: boolean
  /** aria-busy: a request on the row is out (undefined leaves the attribute off). */
  ariaBusy: boolean | undefined
  /** Classes of the row beyond cursor and selected (a group, a member of one). */
  classes?: Record<string, boolean>
  /** Everything the row's cells show; the row renders again only when one of them changes. */
  memo: unknown[]
}
