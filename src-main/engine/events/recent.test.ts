import { describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../../src-shared/contract/events'
import { RECENT_WINDOW_MS, RecentEvents } from './recent'

const T0 = 1_732_370_000_000_000_000
const ev = (id: string, timeNano: number): EngineEvent => ({ type: 'container', action: 'start', id, name: id, timeNano })

describe('RecentEvents', () => {
  it('tells an event seen before from news, and keeps the newest time seen', () => {
    const recent = new RecentEvents()
    expect(recent.add(ev('a', T0 + 2))).toBe(true)
    expect(recent.add(ev('b', T0 + 1))).toBe(true)
    expect(recent.add(ev('a', T0 + 2))).toBe(false)
    expect(recent.newestNano).toBe(T0 + 2)
  })

  it('forgets events older than its window once many came, and still knows the recent ones', () => {
    const recent = new RecentEvents()
    const old = ev('old', T0)
    recent.add(old)
    const later = T0 + (RECENT_WINDOW_MS + 1000) * 1e6
    for (let i = 0; i < 1100; i++) recent.add(ev(`c${i}`, later + i * 1000))
    expect(recent.size).toBeLessThan(1101)
    expect(recent.add(ev('c5', later + 5000))).toBe(false)
    expect(recent.add(old)).toBe(true)
  })
})
