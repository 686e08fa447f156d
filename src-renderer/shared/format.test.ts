import { describe, expect, it } from 'vitest'
import { engineTime, formatBytes, formatBytesPerSec, formatPercent, timeAgo } from './format'

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

describe('formatBytesPerSec', () => {
  it('is formatBytes per second, and a dash for what is not a rate', () => {
    expect(formatBytesPerSec(1536)).toBe('1.5 KiB/s')
    expect(formatBytesPerSec(0)).toBe('0 B/s')
    expect(formatBytesPerSec(Number.NaN)).toBe('—')
  })
})

describe('formatPercent', () => {
  it('keeps two decimals for small figures and fewer as they grow', () => {
    expect(formatPercent(0)).toBe('0%')
    expect(formatPercent(0.4242)).toBe('0.42%')
    expect(formatPercent(49.87)).toBe('49.9%')
    expect(formatPercent(150.4)).toBe('150%')
    expect(formatPercent(50)).toBe('50%')
    expect(formatPercent(12.5)).toBe('12.5%')
    expect(formatPercent(0.5)).toBe('0.5%')
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe('—')
  })
})
