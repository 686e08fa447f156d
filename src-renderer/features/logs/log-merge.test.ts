import { describe, expect, it } from 'vitest'
import { compareTimed, LogMerger, mergeSorted, sourceColours } from './log-merge'

const at = (s: number, frac = '', src = 'a') => ({
  ms: Date.UTC(2026, 10, 23, 10, 0, s) + Number(frac.padEnd(3, '0').slice(0, 3) || 0),
  time: `2026-11-23T10:00:${String(s).padStart(2, '0')}${frac ? `.${frac}` : ''}Z`,
  src,
})

describe('merge order', () => {
  it('orders by milliseconds, then by the nanoseconds in the text', () => {
    expect(compareTimed(at(1), at(2))).toBeLessThan(0)
    expect(compareTimed(at(1, '000000200'), at(1, '0000001'))).toBeGreaterThan(0)
    expect(compareTimed(at(1, '5'), at(1, '500000000'))).toBe(0)
  })

  it('merges lists in time order, equal times keeping the lists’ order', () => {
    const a = [at(1, '', 'a'), at(3, '', 'a'), at(5, '', 'a')]
    const b = [at(2, '', 'b'), at(3, '', 'b'), at(4, '', 'b')]
    expect(mergeSorted([a, b]).map((l) => `${l.src}${l.time.slice(17, 19)}`)).toEqual(['a01', 'b02', 'a03', 'b03', 'b04', 'a05'])
    expect(mergeSorted([[], a])).toEqual(a)
  })
})

describe('LogMerger', () => {
  it('holds lines until every stream sent its tail, then releases them in order', () => {
    const m = new LogMerger<ReturnType<typeof at>>(2, 0, 200, 1000)
    m.push(0, [at(1, '', 'a'), at(4, '', 'a')], 10)
    expect(m.take(20)).toEqual([])
    expect(m.nextDue(20)).toBe(980)
    m.push(1, [at(2, '', 'b'), at(3, '', 'b')], 30)
    // b has shown 3 s and a 4 s: all but a's 4 s line are safe (b might still send 3.5 s).
    expect(m.take(40).map((l) => l.src + l.time.slice(17, 19))).toEqual(['a01', 'b02', 'b03'])
    // After the hold, a quiet stream no longer holds a back.
    expect(m.take(209)).toEqual([])
    expect(m.take(210).map((l) => l.time.slice(17, 19))).toEqual(['04'])
    expect(m.nextDue(210)).toBeNull()
  })

  it('does not wait for a stream that ended', () => {
    const m = new LogMerger<ReturnType<typeof at>>(2, 0)
    m.end(1)
    m.push(0, [at(1)], 5)
    expect(m.take(6)).toHaveLength(1)
  })

  it('releases everything after the start-up wait when a stream stays silent', () => {
    const m = new LogMerger<ReturnType<typeof at>>(2, 0, 200, 1000)
    m.push(0, [at(1)], 5)
    expect(m.take(999)).toEqual([])
    expect(m.take(1000)).toHaveLength(1)
  })
})

describe('sourceColours', () => {
  it('gives each name a stable slot, different for different names', () => {
    const one = sourceColours(['web', 'db', 'cache'])
    const two = sourceColours(['cache', 'web', 'db'])
    expect(one).toEqual(two)
    expect(new Set(one.values()).size).toBe(3)
    for (const v of one.values()) expect(v).toBeGreaterThanOrEqual(0)
  })
})
