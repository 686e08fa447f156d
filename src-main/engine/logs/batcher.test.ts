import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Batcher } from './batcher'

describe('Batcher', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i)

  it('sends a full batch at once when the count is reached, and the rest after the delay', () => {
    const sent: number[][] = []
    const b = new Batcher<number>((items) => sent.push(items), 1000, 25)
    expect(b.push(range(0, 2500))).toBe(true)
    expect(sent.map((s) => s.length)).toEqual([1000, 1000])
    expect(sent[1]![0]).toBe(1000)
    vi.advanceTimersByTime(24)
    expect(sent).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(sent.map((s) => s.length)).toEqual([1000, 1000, 500])
    expect(sent.flat()).toEqual(range(0, 2500))
  })

  it('gathers small pushes into one message per delay, never one per line', () => {
    const sent: number[][] = []
    const b = new Batcher<number>((items) => sent.push(items), 1000, 25)
    for (let i = 0; i < 300; i++) b.push([i])
    expect(sent).toHaveLength(0)
    vi.advanceTimersByTime(25)
    expect(sent).toEqual([range(0, 300)])
  })

  it('counts across pushes: the push that fills the batch sends it', () => {
    const sent: number[][] = []
    const b = new Batcher<number>((items) => sent.push(items), 10, 25)
    expect(b.push(range(0, 6))).toBe(false)
    expect(b.push(range(6, 6))).toBe(true)
    expect(sent).toEqual([range(0, 10)])
    expect(b.size).toBe(2)
  })

  it('flushes on demand and leaves no timer behind', () => {
    const sent: number[][] = []
    const b = new Batcher<number>((items) => sent.push(items), 10, 25)
    b.push([1, 2])
    b.flush()
    expect(sent).toEqual([[1, 2]])
    expect(vi.getTimerCount()).toBe(0)
    b.push([3])
    b.dispose()
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(100)
    expect(sent).toEqual([[1, 2]])
  })

  it('also cuts a batch by weight, so long lines make smaller batches', () => {
    const sent: string[][] = []
    const b = new Batcher<string>(
      (items) => sent.push(items),
      1000,
      25,
      (s) => s.length,
      100,
    )
    expect(b.push(['a'.repeat(60), 'b'.repeat(60), 'c'.repeat(10)])).toBe(true)
    expect(sent.map((s) => s.length)).toEqual([2])
    b.flush()
    expect(sent.map((s) => s.length)).toEqual([2, 1])
    b.push(['x'.repeat(500)])
    expect(sent.map((s) => s.length)).toEqual([2, 1, 1])
  })
})
