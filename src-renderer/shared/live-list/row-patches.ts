import type { RowPatch } from '../../../src-shared/contract'

/** Applies patches to rows in place (a null row: gone) and says whether anything changed. */
export function applyRowPatches<Row>(rows: Map<string, Row>, patches: readonly RowPatch<Row>[]): boolean {
  let changed = false
  for (const p of patches) {
    if (p.row) {
      rows.set(p.key, p.row)
      changed = true
    } else if (rows.delete(p.key)) {
      changed = true
    }
  }
  return changed
}
