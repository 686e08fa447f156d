import { describe, expect, it } from 'vitest'
import { diffRows } from './row-diff'

interface Row {
  id: string
  v: number
}

describe('diffRows', () => {
  it('is empty between equal readings and names each added, changed and removed row once', () => {
    const m = (...rows: Row[]) => new Map(rows.map((r) => [r.id, r]))
    expect(diffRows(m({ id: 'a', v: 1 }), m({ id: 'a', v: 1 }))).toEqual([])
    expect(diffRows(m({ id: 'a', v: 1 }, { id: 'b', v: 1 }), m({ id: 'a', v: 2 }, { id: 'c', v: 1 }))).toEqual([
      { key: 'a', row: { id: 'a', v: 2 } },
      { key: 'c', row: { id: 'c', v: 1 } },
      { key: 'b', row: null },
    ])
  })
})
