import { describe, expect, it } from 'vitest'
import { engineTime, formatBytes, timeAgo } from './format'

describe('formatBytes', () => {
  it('uses binary units like the docker CLI', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1023)).toBe('1023 B')
    expect(formatBytes(64 * 1024 * 1024)).toBe('64 MiB')
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GiB')
    expect(formatBytes(25_165_824_000)).toBe('23.4 GiB')
  })

  it('shows a dash for values that are not sizes', () => {
    expect(formatBytes(-1)).toBe('—')
    expect(formatBytes(Number.NaN)).toBe('—')
  })
})

describe('timeAgo', () => {
  const now = Date.UTC(2026, 10, 23, 12)
  it('picks the largest whole unit', () => {
    expect(timeAgo(now - 2000, now)).toEqual({ key: 'justNow' })
    expect(timeAgo(now - 42_000, now)).toEqual({ key: 'secondsAgo', n: 42 })
    expect(timeAgo(now - 3 * 3600_000, now)).toEqual({ key: 'hoursAgo', n: 3 })
    expect(timeAgo(now - 40 * 86400_000, now)).toEqual({ key: 'monthsAgo', n: 1 })
    expect(timeAgo(now - 800 * 86400_000, now)).toEqual({ key: 'yearsAgo', n: 2 })
  })

  it('treats a clock slightly ahead as just now, not negative', () => {
    expect(timeAgo(now + 5000, now)).toEqual({ key: 'justNow' })
  })
})

describe('engineTime', () => {
  it('reads the engine zero time as never', () => {
    expect(engineTime('0001-01-01T00:00:00Z')).toBeNull()
    expect(engineTime('')).toBeNull()
    expect(engineTime('2026-11-23T10:00:00.123456789Z')).toBe(Date.UTC(2026, 10, 23, 10, 0, 0, 123))
  })
})
