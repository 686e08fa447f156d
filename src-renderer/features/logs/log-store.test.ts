import { describe, expect, it } from 'vitest'
import { eventEntry, type LogEntry } from './log-entry'
import { LogLineStore } from './log-store'

const line = (n: number, stream: 'stdout' | 'stderr' = n % 3 === 0 ? 'stderr' : 'stdout', source = n % 2): LogEntry => {
  const text = n % 5 === 0 ? `\u001b[31mred ${n}\u001b[0m` : `line ${n} 한글`
  return { kind: 'line', time: `2026-11-23T10:00:00.${String(n).padStart(9, '0')}Z`, ms: 1_700_000_000_000 + n, stream, text, plain: n % 5 === 0 ? `red ${n}` : text, source }
}
const lines = (from: number, n: number) => Array.from({ length: n }, (_, i) => line(from + i))
const ids = (s: LogLineStore) => {
  const out: number[] = []
  s.forEachId(s.firstId, s.nextId, (_l, id) => out.push(id))
  return out
}

describe('LogLineStore', () => {
  it('gives back every field of every line after packing them into segments', () => {
    const s = new LogLineStore(10_000)
    s.append(lines(0, 3000))
    for (const n of [0, 1, 5, 1023, 1024, 2047, 2048, 2999]) expect(s.byId(n)).toEqual(line(n))
    const seen: LogEntry[] = []
    s.forEachId(1020, 1030, (l) => seen.push(l))
    expect(seen).toEqual(lines(1020, 10))
  })

  it('packs full segments: the newest lines stay objects, older ones become a few strings and typed arrays', () => {
    const s = new LogLineStore(100_000)
    s.append(lines(0, 5000))
    const inner = s as unknown as { segments: { count: number }[]; tail: LogEntry[] }
    expect(inner.segments.map((g) => g.count)).toEqual([1024, 1024, 1024, 1024])
    expect(inner.tail).toHaveLength(5000 - 4096)
  })

  it('keeps lifecycle markers where they were among the lines', () => {
    const s = new LogLineStore(10_000)
    const marker = eventEntry('restarted', '2026-11-23T10:00:01Z', 1)
    s.append([...lines(0, 700), marker, ...lines(700, 700)])
    expect(s.byId(700)).toEqual(marker)
    expect(s.byId(701)).toEqual(line(700))
    expect(s.streamOf(700)).toBe('event')
  })

  it('trims the oldest lines beyond the cap, across segments, with stable ids', () => {
    const s = new LogLineStore(2500)
    for (let i = 0; i < 10; i++) s.append(lines(i * 1000, 1000))
    expect(s.size).toBe(2500)
    expect(s.dropped).toBe(7500)
    expect(s.firstId).toBe(7500)
    expect(s.at(0)).toEqual(line(7500))
    expect(s.at(2499)).toEqual(line(9999))
    expect(s.byId(7499)).toBeUndefined()
    expect(ids(s)).toEqual(Array.from({ length: 2500 }, (_, i) => 7500 + i))
  })

  it('stays bounded however many lines pass through it', () => {
    const s = new LogLineStore(3000)
    for (let i = 0; i < 200; i++) s.append(lines(i * 500, 500))
    expect(s.size).toBe(3000)
    const inner = s as unknown as { segments: unknown[] }
    expect(inner.segments.length).toBeLessThanOrEqual(4)
    expect(s.at(0)).toEqual(line(97_000))
  })

  it('trims inside the newest lines when the cap is smaller than a segment', () => {
    const s = new LogLineStore(3)
    s.append(lines(0, 5))
    expect(ids(s)).toEqual([2, 3, 4])
    expect(s.at(0)).toEqual(line(2))
  })

  it('prepends older pages with decreasing ids, as far as the cap leaves room, keeping the newest of them', () => {
    const s = new LogLineStore(3000)
    s.append(lines(5000, 10))
    expect(s.prepend(lines(2000, 2500))).toBe(2500)
    expect(s.firstId).toBe(-2500)
    expect(s.at(0)).toEqual(line(2000))
    expect(s.at(2499)).toEqual(line(4499))
    expect(s.at(2500)).toEqual(line(5000))
    expect(s.prepend(lines(0, 1000))).toBe(490)
    expect(s.at(0)).toEqual(line(510))
    expect(s.prepend(lines(0, 1))).toBe(0)
  })

  it('hands a row on screen the same object on every redraw, and a search a fresh one', () => {
    const s = new LogLineStore(10_000)
    s.append(lines(0, 2000))
    expect(s.lineForView(10)).toBe(s.lineForView(10))
    expect(s.lineForView(1990)).toBe(s.byId(1990))
  })

  it('tells each line’s stream without unpacking it, for the stream filter', () => {
    const s = new LogLineStore(10_000)
    s.append(lines(0, 2000))
    for (const n of [0, 1, 3, 1500, 1999]) expect(s.streamOf(n)).toBe(line(n).stream)
    expect(s.streamOf(5000)).toBeUndefined()
  })

  it('clears without reusing ids and without counting the cleared lines as dropped', () => {
    const s = new LogLineStore(10)
    s.append(lines(0, 4))
    s.clear()
    expect(s.size).toBe(0)
    expect(s.append(lines(9, 1))).toBe(4)
    expect(s.at(0)).toEqual(line(9))
    expect(s.dropped).toBe(0)
  })

  it('walks an id range clamped to what it holds', () => {
    const s = new LogLineStore(3)
    s.append(lines(0, 5))
    const seen: number[] = []
    s.forEachId(0, 100, (_l, id) => seen.push(id))
    expect(seen).toEqual([2, 3, 4])
  })

  it('refuses a cap that is not a positive integer', () => {
    expect(() => new LogLineStore(0)).toThrow(RangeError)
    expect(() => new LogLineStore(1.5)).toThrow(RangeError)
  })
})
