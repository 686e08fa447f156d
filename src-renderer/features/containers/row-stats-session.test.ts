import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import type { StatsSnapshot } from '../../../src-shared/contract'
import { fakePage, main, only, resetMain } from '../../shared/testing/scripted-subscriptions'

// The list rows' live figures against a scripted main: one subscription for the visible set,
// renewed when it settles, closed while the page is hidden and when the owner goes.
vi.mock('../../api', () => import('../../shared/testing/scripted-subscriptions').then((m) => m.scriptedApi))

const { useRowStats } = await import('./row-stats-session')

const send = (m: StatsSnapshot[]) => only()?.onMessage(m)

afterEach(resetMain)

describe('useRowStats', () => {
  beforeEach(() => vi.useFakeTimers())

  it('subscribes for the visible running ids and keeps the snapshots by id', async () => {
    const ids = ref<string[]>(['a', 'b'])
    const scope = effectScope()
    const { snapshots } = scope.run(() => useRowStats(ids, 300))!
    await vi.advanceTimersByTimeAsync(0)
    expect(only()).toMatchObject({ topic: 'stats:snapshots', params: { ids: ['a', 'b'] } })
    send([{ id: 'a', cpuPercent: 12, memoryBytes: 5, memoryLimitBytes: 10 }])
    expect(snapshots.value.get('a')?.cpuPercent).toBe(12)
    scope.stop()
    expect(main.open.size).toBe(0)
  })

  it('renews the subscription once a scroll settles, opening the new one before closing the old', async () => {
    const ids = ref<string[]>(['a'])
    const scope = effectScope()
    scope.run(() => useRowStats(ids, 300))
    await vi.advanceTimersByTimeAsync(0)
    ids.value = ['b']
    await nextTick()
    ids.value = ['c']
    await nextTick()
    ids.value = ['c', 'd']
    await nextTick()
    await vi.advanceTimersByTimeAsync(299)
    expect([...main.open.values()].map((o) => o.params.ids)).toEqual([['a']])
    await vi.advanceTimersByTimeAsync(1)
    // One renewal for the whole scroll; both were open for a moment, then the old one closed.
    expect(main.next).toBe(3)
    expect(main.peak).toBe(2)
    expect([...main.open.values()].map((o) => o.params.ids)).toEqual([['c', 'd']])
    scope.stop()
  })

  it('holds no subscription while no running row is visible', async () => {
    const ids = ref<string[]>(['a'])
    const scope = effectScope()
    const { snapshots } = scope.run(() => useRowStats(ids, 300))!
    await vi.advanceTimersByTimeAsync(0)
    send([{ id: 'a', cpuPercent: 1, memoryBytes: 1, memoryLimitBytes: 1 }])
    ids.value = []
    await nextTick()
    await vi.advanceTimersByTimeAsync(300)
    expect(main.open.size).toBe(0)
    expect(snapshots.value.size).toBe(0)
    scope.stop()
  })

  it('does not resubscribe for the same set', async () => {
    const ids = ref<string[]>(['a', 'b'])
    const scope = effectScope()
    scope.run(() => useRowStats(ids, 300))
    await vi.advanceTimersByTimeAsync(0)
    ids.value = ['a', 'b']
    await nextTick()
    await vi.advanceTimersByTimeAsync(300)
    expect(main.next).toBe(2)
    scope.stop()
  })

  it('closes the subscription while the page is hidden and opens it again at once when shown', async () => {
    const turn = fakePage()
    const ids = ref<string[]>(['a', 'b'])
    const scope = effectScope()
    const { snapshots } = scope.run(() => useRowStats(ids, 300))!
    await vi.advanceTimersByTimeAsync(0)
    send([{ id: 'a', cpuPercent: 1, memoryBytes: 1, memoryLimitBytes: 1 }])
    turn('hidden')
    await nextTick()
    expect(main.open.size).toBe(0)
    expect(snapshots.value.size).toBe(0)
    // A scroll (or an event) while hidden changes the set but opens nothing.
    ids.value = ['b', 'c']
    await nextTick()
    await vi.advanceTimersByTimeAsync(300)
    expect(main.open.size).toBe(0)
    turn('visible')
    await nextTick()
    await vi.advanceTimersByTimeAsync(0)
    expect([...main.open.values()].map((o) => o.params.ids)).toEqual([['b', 'c']])
    scope.stop()
    expect(main.open.size).toBe(0)
  })

  it('opens nothing while the page starts hidden', async () => {
    const turn = fakePage('hidden')
    const scope = effectScope()
    scope.run(() => useRowStats(ref(['a']), 300))
    await vi.advanceTimersByTimeAsync(300)
    expect(main.open.size).toBe(0)
    turn('visible')
    await nextTick()
    await vi.advanceTimersByTimeAsync(0)
    expect(only()).toMatchObject({ topic: 'stats:snapshots', params: { ids: ['a'] } })
    scope.stop()
  })
})
