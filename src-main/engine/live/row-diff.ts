import type { RowPatch } from '../../../src-shared/contract/live-list'

/** Whether two readings of a row show the same thing (rows are plain JSON, built by the same code). */
export function sameJson<Row>(a: Row, b: Row): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** The patches that turn one reading of a list into the next: rows added or changed, then rows gone. */
export function diffRows<Row>(before: ReadonlyMap<string, Row>, after: ReadonlyMap<string, Row>, same: (a: Row, b: Row) => boolean = sameJson): RowPatch<Row>[] {
  const out: RowPatch<Row>[] = []
  for (const [key, row] of after) {
    const old = before.get(key)
    if (old === undefined || !same(old, row)) out.push({ key, row })
  }
  for (const key of before.keys()) if (!after.has(key)) out.push({ key, row: null })
  return out
}

/** One patch per key, the last one given for it winning (several batches merged into one message). */
export function latestByKey<Row>(patches: readonly RowPatch<Row>[]): RowPatch<Row>[] {
  const byKey = new Map<string, RowPatch<Row>>()
  for (const p of patches) byKey.set(p.key, p)
  return [...byKey.values()]
}
