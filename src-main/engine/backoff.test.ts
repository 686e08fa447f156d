import { describe, expect, it } from 'vitest'
import { BACKOFF_BASE_MS, BACKOFF_LOCAL_MAX_MS, BACKOFF_MAX_MS, backoffDelay } from './backoff'

const noJitter = () => 0.5
const lowest = () => 0
const highest = () => 0.999999

describe('backoffDelay', () => {
  it('starts at 250 ms and doubles with each failed attempt', () => {
    expect(BACKOFF_BASE_MS).toBe(250)
    expect([0, 1, 2, 3, 4].map((a) => backoffDelay(a, noJitter))).toEqual([250, 500, 1000, 2000, 4000])
  })

  it('never waits longer than 5 s, however many attempts failed', () => {
    expect(BACKOFF_MAX_MS).toBe(5000)
    for (const attempt of [5, 6, 10, 50, 1000, Number.MAX_SAFE_INTEGER]) {
      expect(backoffDelay(attempt, noJitter)).toBe(5000)
      expect(backoffDelay(attempt, highest)).toBeLessThanOrEqual(5000)
    }
  })

  it('stops at the cap it is given: 1 s for a local socket that is there but refuses', () => {
    expect(BACKOFF_LOCAL_MAX_MS).toBe(1000)
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, noJitter, BACKOFF_LOCAL_MAX_MS))).toEqual([250, 500, 1000, 1000, 1000])
    expect(backoffDelay(10, highest, BACKOFF_LOCAL_MAX_MS)).toBeLessThanOrEqual(1000)
    expect(backoffDelay(10, lowest, BACKOFF_LOCAL_MAX_MS)).toBe(800)
  })

  it('treats a negative attempt like the first one', () => {
    expect(backoffDelay(-3, noJitter)).toBe(250)
  })

  it('jitters each delay by at most ±20%', () => {
    for (const attempt of [0, 1, 2, 3, 4]) {
      const base = BACKOFF_BASE_MS * 2 ** attempt
      expect(backoffDelay(attempt, lowest)).toBe(Math.round(base * 0.8))
      expect(backoffDelay(attempt, highest)).toBe(Math.round(base * 1.2))
      for (let i = 0; i < 200; i++) {
        const d = backoffDelay(attempt)
        expect(d).toBeGreaterThanOrEqual(Math.floor(base * 0.8))
        expect(d).toBeLessThanOrEqual(Math.ceil(base * 1.2))
      }
    }
  })

  it('jitters the capped delay downwards so clients at the cap still spread out', () => {
    expect(backoffDelay(20, lowest)).toBe(4000)
  })

  it('uses Math.random when no source of randomness is given', () => {
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(2)))
    expect(seen.size).toBeGreaterThan(1)
  })
})
