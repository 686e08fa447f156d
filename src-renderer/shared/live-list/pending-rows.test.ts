import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PendingRows } from './pending-rows'

beforeEach(() => void vi.useFakeTimers())
afterEach(() => void vi.useRealTimers())

describe('PendingRows', () => {
  it('reports the pending keys each time the set changes, not for a second hold on a pending row', () => {
    const seen: string[][] = []
    const rows = new PendingRows((keys) => seen.push([...keys]), 2000)
    const a = rows.begin(['a'])
    rows.begin(['a'])
    rows.begin(['b'])
    rows.end(a)
    expect(seen).toEqual([['a'], ['a', 'b']])
  })

  it('leaves no timer behind once its holds end', () => {
    const rows = new PendingRows(() => undefined, 2000)
    const held = rows.begin(['a', 'b'])
    rows.succeeded(held)
    expect(vi.getTimerCount()).toBe(2)
    rows.end(rows.answeredBy(['a']))
    rows.endSettling()
    expect(vi.getTimerCount()).toBe(0)
    expect(rows.has('a') || rows.has('b')).toBe(false)
  })

  it('answers for a key only the holds whose requests succeeded', () => {
    const rows = new PendingRows(() => undefined, 2000)
    rows.begin(['a'])
    expect(rows.answeredBy(['a'])).toEqual([])
    const done = rows.begin(['a'])
    rows.succeeded(done)
    expect(rows.answeredBy(['a'])).toEqual(done)
  })
})
