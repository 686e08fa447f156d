import { describe, expect, it } from 'vitest'
import type { LogLine } from '../../../src-shared/contract/logs'
import { engineTime } from './fixtures/fake-log-engine'
import { advance, NO_POSITION, skipFrom, unseen } from './position'

const T = Date.parse('2026-01-01T12:00:00Z')
const line = (ms: number, text = String(ms)): LogLine => ({ time: engineTime(ms), ms, stream: 'stdout', text })

describe('advance', () => {
  it('counts the lines taken at the last time, also when they span reads', () => {
    let p = advance(NO_POSITION, [line(T), line(T + 1), line(T + 1)])
    expect(p).toMatchObject({ time: engineTime(T + 1), atTime: 2 })
    p = advance(p, [line(T + 1)])
    expect(p.atTime).toBe(3)
    p = advance(p, [line(T + 1), line(T + 2)])
    expect(p).toMatchObject({ time: engineTime(T + 2), atTime: 1 })
    expect(advance(p, [])).toBe(p)
  })

  it('stays where it is after lines without a time', () => {
    const p = advance(NO_POSITION, [line(T)])
    expect(advance(p, [{ time: '', ms: 0, stream: 'stdout', text: 'no stamp' }])).toBe(p)
  })
})

describe('unseen', () => {
  it('skips nothing before any line was taken', () => {
    expect(skipFrom(NO_POSITION)).toBeNull()
    const lines = [line(T)]
    expect(unseen(lines, null)).toEqual({ lines, skip: null })
  })

  it('drops the lines up to the last taken, as many at its time as were taken, and stops skipping at the first new one', () => {
    const skip = skipFrom(advance(NO_POSITION, [line(T), line(T, 'b')]))
    const out = unseen([line(T - 5), line(T), line(T, 'b'), line(T, 'c'), line(T - 1, 'older, but after a new one')], skip)
    expect(out.lines.map((l) => l.text)).toEqual(['c', 'older, but after a new one'])
    expect(out.skip).toBeNull()
    expect(unseen([line(T)], skip)).toEqual({ lines: [], skip: { after: skip!.after, atAfter: 1 } })
  })
})
