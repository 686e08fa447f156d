import type { ContainerPatch, ContainerRow } from '../../../src-shared/contract'

/**
 * Applies event patches to the rows in place and says whether anything changed.
 * A null row means the container is gone.
 */
export function applyPatches(rows: Map<string, ContainerRow>, patches: readonly ContainerPatch[]): boolean {
  let changed = false
  for (const p of patches) {
    if (p.row) {
      rows.set(p.id, p.row)
      changed = true
    } else if (rows.delete(p.id)) {
      changed = true
    }
  }
  return changed
}
