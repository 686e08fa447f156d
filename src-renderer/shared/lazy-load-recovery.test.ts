import { afterEach, describe, expect, it, vi } from 'vitest'
import { recoverFailedLazyLoads } from './lazy-load-recovery'

function setUp() {
  const stored = new Map<string, string>()
  const reloads: string[] = []
  const sheets: { href: string; fail: () => void }[] = []
  const target = new EventTarget()
  let routerError: ((err: unknown, to: { fullPath: string }) => void) | null = null
  const failures: unknown[] = []
  recoverFailedLazyLoads({ onError: (h: never) => ((routerError = h), () => undefined), currentRoute: { value: { fullPath: '/containers/abc?tab=stats' } } } as never, (e) => failures.push(e), {
    storage: { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => void stored.set(k, v) },
    reloadAt: (p) => reloads.push(p),
    target,
    addStylesheet: (href, fail) => sheets.push({ href, fail }),
  })
  const preloadError = (message: string) => {
    const e = Object.assign(new Event('vite:preloadError', { cancelable: true }), { payload: new Error(message) })
    target.dispatchEvent(e)
    return e.defaultPrevented
  }
  return { reloads, sheets, failures, preloadError, routerError: (e: unknown, to: string) => routerError!(e, { fullPath: to }) }
}

afterEach(() => vi.useRealTimers())

describe('recoverFailedLazyLoads', () => {
  it('fetches a stylesheet that failed again, up to three times, and lets the screen open meanwhile', () => {
    vi.useFakeTimers()
    const s = setUp()
    expect(s.preloadError('Unable to preload CSS for /assets/ContainerDetailView-x.css')).toBe(true)
    vi.advanceTimersByTime(300)
    expect(s.sheets.map((x) => x.href)).toEqual(['/assets/ContainerDetailView-x.css'])
    s.sheets[0]!.fail()
    vi.advanceTimersByTime(300)
    s.sheets[1]!.fail()
    vi.advanceTimersByTime(300)
    s.sheets[2]!.fail()
    vi.advanceTimersByTime(300)
    expect(s.sheets).toHaveLength(3)
    expect(s.failures).toEqual([new Error('Berth could not load /assets/ContainerDetailView-x.css')])
  })

  it('reloads the page at the screen whose code could not be fetched, once a minute; other failures are reported', () => {
    vi.useFakeTimers({ now: 1_000_000 })
    const s = setUp()
    const importFailed = new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1:1/assets/ContainerDetailView-x.js')
    s.routerError(importFailed, '/containers/abc?tab=logs')
    expect(s.reloads).toEqual(['/containers/abc?tab=logs'])
    vi.setSystemTime(1_030_000)
    s.routerError(importFailed, '/containers/abc?tab=logs')
    expect(s.reloads).toHaveLength(1)
    expect(s.failures).toEqual([importFailed])
    vi.setSystemTime(1_070_000)
    s.routerError(new Error('a guard failed'), '/settings')
    expect(s.reloads).toHaveLength(1)
    expect(s.failures).toHaveLength(2)
  })
})
