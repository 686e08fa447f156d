import { describe, expect, it } from 'vitest'
import { LogBuffer } from './log-buffer'

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => `line ${from + i}`)

describe('LogBuffer', () => {
  it('appends batches in order with contiguous ids', () => {
    const b = new LogBuffer<string>(10)
    expect(b.append(range(0, 3))).toBe(0)
    expect(b.append(range(3, 2))).toBe(3)
    expect(b.size).toBe(5)
    expect([0, 1, 2, 3, 4].map((i) => b.at(i))).toEqual(range(0, 5))
    expect(b.idAt(4)).toBe(4)
    expect(b.dropped).toBe(0)
  })

  it('trims the oldest lines beyond the cap, counts them, and keeps ids stable', () => {
    const b = new LogBuffer<string>(2500)
    for (let i = 0; i < 10; i++) b.append(range(i * 1000, 1000))
    expect(b.size).toBe(2500)
    expect(b.dropped).toBe(7500)
    expect(b.firstId).toBe(7500)
    expect(b.at(0)).toBe('line 7500')
    expect(b.at(2499)).toBe('line 9999')
    expect(b.byId(8000)).toBe('line 8000')
    expect(b.indexOf(8000)).toBe(500)
    expect(b.byId(7499)).toBeUndefined()
    expect(b.indexOf(7499)).toBe(-1)
  })

  it('stays bounded however many lines pass through it', () => {
    const b = new LogBuffer<string>(100)
    for (let i = 0; i < 5000; i++) b.append([`x${i}`])
    expect(b.size).toBe(100)
    expect(b.dropped).toBe(4900)
    expect(b.at(0)).toBe('x4900')
    // Only the chunks holding live lines remain.
    expect((b as unknown as { chunks: Map<number, unknown> }).chunks.size).toBeLessThanOrEqual(2)
  })

  it('prepends older pages with decreasing ids, as far as the cap leaves room', () => {
    const b = new LogBuffer<string>(5)
    b.append(['c', 'd'])
    expect(b.prepend(['a', 'b'])).toBe(2)
    expect([0, 1, 2, 3].map((i) => b.at(i))).toEqual(['a', 'b', 'c', 'd'])
    expect(b.firstId).toBe(-2)
    expect(b.byId(-1)).toBe('b')
    // One slot left: the newest of the older page is kept.
    expect(b.prepend(['x', 'y', 'z'])).toBe(1)
    expect(b.at(0)).toBe('z')
    expect(b.prepend(['w'])).toBe(0)
  })

  it('prepends across chunk borders', () => {
    const b = new LogBuffer<number>(10_000)
    b.append([5000])
    const older = Array.from({ length: 3000 }, (_, i) => 2000 + i)
    expect(b.prepend(older)).toBe(3000)
    for (let i = 0; i < 3000; i++) expect(b.at(i)).toBe(2000 + i)
    expect(b.at(3000)).toBe(5000)
  })

  it('clears without reusing ids, and without counting the cleared lines as dropped', () => {
    const b = new LogBuffer<string>(10)
    b.append(range(0, 4))
    const v = b.version
    b.clear()
    expect(b.size).toBe(0)
    expect(b.version).toBeGreaterThan(v)
    expect(b.append(['new'])).toBe(4)
    expect(b.at(0)).toBe('new')
    expect(b.dropped).toBe(0)
  })

  it('walks an id range clamped to what it holds', () => {
    const b = new LogBuffer<string>(3)
    b.append(range(0, 5))
    const seen: number[] = []
    b.forEachId(0, 100, (_l, id) => seen.push(id))
    expect(seen).toEqual([2, 3, 4])
  })

  it('refuses a cap that is not a positive integer', () => {
    expect(() => new LogBuffer(0)).toThrow(RangeError)
  })
})
