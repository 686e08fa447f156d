import { describe, expect, it } from 'vitest'
import { applyPatches } from './patches'
import { row } from '../../shared/testing/container-row'

describe('applyPatches', () => {
  it('replaces a changed row, adds a new one and drops a removed one', () => {
    const rows = new Map([
      ['a', row({ id: 'a', state: 'running' })],
      ['b', row({ id: 'b' })],
    ])
    const changed = applyPatches(rows, [
      { id: 'a', row: row({ id: 'a', state: 'exited' }) },
      { id: 'c', row: row({ id: 'c' }) },
      { id: 'b', row: null },
    ])
    expect(changed).toBe(true)
    expect([...rows.keys()].sort()).toEqual(['a', 'c'])
    expect(rows.get('a')?.state).toBe('exited')
  })

  it('reports no change for the removal of a container it never had', () => {
    const rows = new Map([['a', row({ id: 'a' })]])
    expect(applyPatches(rows, [{ id: 'zzz', row: null }])).toBe(false)
    expect(rows.size).toBe(1)
  })

  it('applies patches in order, so the last word on a container wins', () => {
    const rows = new Map<string, ReturnType<typeof row>>()
    applyPatches(rows, [
      { id: 'a', row: row({ id: 'a', state: 'running' }) },
      { id: 'a', row: null },
      { id: 'a', row: row({ id: 'a', state: 'created' }) },
    ])
    expect(rows.get('a')?.state).toBe('created')
  })
})
