import { describe, expect, it } from 'vitest'
import { parseRateLimit, retryAfterSeconds } from './rate-limit'

const NOW = Date.parse('2026-11-23T12:00:00Z')
const h = (o: Record<string, string>) => new Headers(o)

describe('rate-limit headers', () => {
  it('reads the hub API spelling with an epoch-second reset', () => {
    const epoch = NOW / 1000 + 300
    expect(parseRateLimit(h({ 'x-ratelimit-limit': '180', 'x-ratelimit-remaining': '179', 'x-ratelimit-reset': String(epoch) }), NOW)).toEqual({
      limit: 180,
      remaining: 179,
      windowSeconds: null,
      resetAt: NOW + 300_000,
    })
  })

  it('reads the draft spelling with its window', () => {
    expect(parseRateLimit(h({ 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '76;w=21600' }), NOW)).toEqual({
      limit: 100,
      remaining: 76,
      windowSeconds: 21600,
      resetAt: null,
    })
  })

  it('takes a draft ratelimit-reset as seconds from now', () => {
    expect(parseRateLimit(h({ 'ratelimit-remaining': '0', 'ratelimit-reset': '42' }), NOW)?.resetAt).toBe(NOW + 42_000)
  })

  it('is null when the answer carries no rate-limit header', () => {
    expect(parseRateLimit(h({ 'content-type': 'application/json' }), NOW)).toBeNull()
  })

  it('ignores values that are not numbers', () => {
    expect(parseRateLimit(h({ 'x-ratelimit-limit': 'lots', 'x-ratelimit-remaining': '3' }), NOW)).toEqual({ limit: null, remaining: 3, windowSeconds: null, resetAt: null })
  })
})

describe('retry-after', () => {
  it('reads seconds', () => {
    expect(retryAfterSeconds(h({ 'retry-after': '120' }), NOW)).toBe(120)
  })
  it('reads an HTTP date', () => {
    expect(retryAfterSeconds(h({ 'retry-after': new Date(NOW + 90_000).toUTCString() }), NOW)).toBe(90)
  })
  it('falls back to the rate limit reset', () => {
    expect(retryAfterSeconds(h({ 'x-ratelimit-reset': String(NOW / 1000 + 600) }), NOW)).toBe(600)
  })
  it('is null when nothing says how long', () => {
    expect(retryAfterSeconds(h({}), NOW)).toBeNull()
  })
})
