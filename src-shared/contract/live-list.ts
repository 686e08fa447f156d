/**
 * One row of a live list after an engine change: its new state, or null once it is gone.
 * `key` is what that list keys its rows by (a container's id, an ImageRow's key, a volume's
 * name, a network's id). A `*:changes` topic sends one batch of these per message.
 */
export interface RowPatch<Row> {
  key: string
  row: Row | null
}
