import { describe, expect, it } from 'vitest'
import { formatLogTime, parseLogTimeInput } from './log-time'

describe('log times', () => {
  it('shows local time to the millisecond, or the engine’s UTC text', () => {
    const line = { ms: new Date(2026, 10, 23, 9, 5, 7, 42).getTime(), time: '2026-11-23T00:05:07.042123456Z' }
    expect(formatLogTime(line, false)).toBe('2026-11-23 09:05:07.042')
    expect(formatLogTime(line, true)).toBe('2026-11-23T00:05:07.042123456Z')
  })

  it('passes relative times, RFC 3339 and unix seconds through, and reads a zone-less date as local', () => {
    expect(parseLogTimeInput(' 15m ')).toEqual({ ok: true, value: '15m' })
    expect(parseLogTimeInput('2h')).toEqual({ ok: true, value: '2h' })
    expect(parseLogTimeInput('2026-11-23T10:00:00.5+09:00')).toEqual({ ok: true, value: '2026-11-23T10:00:00.5+09:00' })
    expect(parseLogTimeInput('1763892000')).toEqual({ ok: true, value: '1763892000' })
    expect(parseLogTimeInput('')).toEqual({ ok: true, value: undefined })
    expect(parseLogTimeInput('2026-11-23 10:30')).toEqual({ ok: true, value: new Date(2026, 10, 23, 10, 30).toISOString().replace('.000Z', 'Z') })
  })

  it('refuses what the engine would not understand', () => {
    for (const bad of ['yesterday', '15 minutes', '2026-13-01', '2026-11-23 25:00', '-5m']) expect(parseLogTimeInput(bad)).toEqual({ ok: false })
  })
})
