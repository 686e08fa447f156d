import { describe, expect, it } from 'vitest'
import { toEngineTime, toInstant } from './since'
import { compareInstants, formatUnix, parseEngineTime } from './timestamp'

describe('parseEngineTime', () => {
  it('reads the engine’s RFC3339Nano timestamps exactly', () => {
    expect(parseEngineTime('2026-11-23T17:04:00.910008322Z')).toEqual({ sec: 1795453440, nanos: 910008322, ms: 1795453440910 })
  })

  it('reads shorter fractions (Go trims trailing zeros) and none at all', () => {
    expect(parseEngineTime('2026-11-23T17:04:00.5Z')).toMatchObject({ nanos: 500_000_000, ms: 1795453440500 })
    expect(parseEngineTime('2026-11-23T17:04:00Z')).toMatchObject({ sec: 1795453440, nanos: 0 })
  })

  it('applies a zone offset', () => {
    expect(parseEngineTime('2026-11-24T02:04:00.000000001+09:00')).toMatchObject({ sec: 1795453440, nanos: 1 })
    expect(parseEngineTime('2026-11-23T12:04:00-05:00')).toMatchObject({ sec: 1795453440 })
  })

  it('gives the same answer for a cached second and a fresh one', () => {
    const a = parseEngineTime('2026-11-23T17:04:00.1Z')
    parseEngineTime('2000-01-01T00:00:00Z')
    expect(parseEngineTime('2026-11-23T17:04:00.1Z')).toEqual(a)
  })

  it('refuses what is not a timestamp', () => {
    for (const s of ['hello world', '2026-11-23 17:04:00Z', '2026-11-23T17:04:00', '2026-11-23T17:04:00.Z', '2026-11-23T17:04:00.1234567890Z', '2026-11-23T17:04:00+0900', 'xxxx-11-23T17:04:00Z']) {
      expect(parseEngineTime(s), s).toBeNull()
    }
  })

  it('orders instants to the nanosecond and writes them as the engine takes them', () => {
    const a = parseEngineTime('2026-11-23T17:04:00.000000001Z')!
    const b = parseEngineTime('2026-11-23T17:04:00.000000002Z')!
    expect(compareInstants(a, b)).toBeLessThan(0)
    expect(compareInstants(b, a)).toBeGreaterThan(0)
    expect(compareInstants(a, { ...a })).toBe(0)
    expect(formatUnix(a)).toBe('1795453440.000000001')
  })
})

describe('since/until conversion', () => {
  const now = Date.UTC(2026, 10, 23, 17, 0, 0, 250)

  it('counts relative values back from now', () => {
    expect(toEngineTime('15m', now)).toBe(`${now / 1000 - 900 - 0.25}.250000000`)
    expect(toEngineTime('2h', now)).toBe(`${(now - 250) / 1000 - 7200}.250000000`)
    expect(toEngineTime('30s', now)).toBe(`${(now - 250) / 1000 - 30}.250000000`)
    expect(toEngineTime('1d', now)).toBe(`${(now - 250) / 1000 - 86400}.250000000`)
    expect(toEngineTime('500ms', now)).toBe(`${(now - 250) / 1000 - 1}.750000000`)
  })

  it('turns RFC 3339 (with or without seconds, fraction or offset) into unix seconds', () => {
    expect(toEngineTime('2026-11-23T17:04:00Z', now)).toBe('1795453440.000000000')
    expect(toEngineTime('2026-11-23T17:04Z', now)).toBe('1795453440.000000000')
    expect(toEngineTime('2026-11-24T02:04:00.123+09:00', now)).toBe('1795453440.123000000')
  })

  it('keeps unix seconds, with nanoseconds padded', () => {
    expect(toEngineTime('1795453440', now)).toBe('1795453440.000000000')
    expect(toEngineTime('1795453440.5', now)).toBe('1795453440.500000000')
    expect(toInstant('1795453440.000000007', now)).toEqual({ sec: 1795453440, nanos: 7 })
  })

  it('refuses anything else', () => {
    expect(toEngineTime('yesterday', now)).toBeNull()
    expect(toEngineTime('15 m', now)).toBeNull()
  })
})
