import { describe, expect, it, vi } from 'vitest'
import { recoverFailedLazyLoads } from './lazy-load-recovery'

function setUp() {
  const stored = new Map<string, string>()
  const storage = { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) }
  const reload = vi.fn()
  const target = new EventTarget()
  let routerError: ((err: unknown) => void) | null = null
  const failures: unknown[] = []
  recoverFailedLazyLoads({ onError: (h: (err: unknown) => void) => ((routerError = h), () => undefined) } as never, (e) => failures.push(e), { storage, reload, target })
  const preloadError = () => {
    const e = new Event('vite:preloadError', { cancelable: true })
    target.dispatchEvent(e)
    return e.defaultPrevented
  }
  return { reload, preloadError, failures, routerError: (e: unknown) => routerError!(e) }
}

describe('recoverFailedLazyLoads', () => {
  it('reloads the page once when a screen’s files could not be fetched, and lets a second failure within the minute through', () => {
    vi.useFakeTimers({ now: 1_000_000 })
    try {
      const s = setUp()
      expect(s.preloadError()).toBe(true)
      expect(s.reload).toHaveBeenCalledTimes(1)
      vi.setSystemTime(1_030_000)
      expect(s.preloadError()).toBe(false)
      expect(s.reload).toHaveBeenCalledTimes(1)
      vi.setSystemTime(1_070_000)
      expect(s.preloadError()).toBe(true)
      expect(s.reload).toHaveBeenCalledTimes(2)
    } finally {
      vi.useRealTimers()
    }
  })

  it('reports a navigation that failed', () => {
    const s = setUp()
    s.routerError(new Error('Failed to fetch dynamically imported module'))
    expect(s.failures).toEqual([new Error('Failed to fetch dynamically imported module')])
  })
})
