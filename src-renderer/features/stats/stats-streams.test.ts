import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import type { StatsMessage, StatsSample, StatsSnapshot } from '../../../src-shared/contract'

// The stats subscriptions against a scripted main: what they subscribe to, what they keep, and
// that every subscription they opened is closed when their owner goes.
const main = vi.hoisted(() => ({
  open: new Map<number, { topic: string; params: Record<string, unknown>; onMessage: (m: unknown) => void; onEnd: (e?: unknown) => void }>(),
  next: 1,
  refuse: null as null | { code: string; message: string },
  /** The most subscriptions open at once. */
  peak: 0,
}))

vi.mock('../../api', () => ({
  api: () => ({
    subscribe: async (topic: string, params: Record<string, unknown>, onMessage: (m: unknown) => void, onEnd: (e?: unknown) => void = () => undefined) => {
      if (main.refuse) throw main.refuse
      const id = main.next++
      main.open.set(id, { topic, params, onMessage, onEnd })
      main.peak = Math.max(main.peak, main.open.size)
      return () => main.open.delete(id)
    },
  }),
}))

const { useStatsSession } = await import('./stats-session')
const { useRowStats } = await import('../containers/row-stats')
const { useStatsOverview } = await import('./stats-overview')

/** A page whose visibility the test turns, as a minimised or restored window would. */
function fakePage(state: 'visible' | 'hidden' = 'visible') {
  const page = Object.assign(new EventTarget(), { visibilityState: state })
  vi.stubGlobal('document', page)
  return (next: 'visible' | 'hidden') => {
    page.visibilityState = next
    page.dispatchEvent(new Event('visibilitychange'))
  }
}

const sample = (sec: number, cpu: number | null = 10): StatsSample => ({ t: 1_000_000 + sec * 1000, cpuPercent: cpu, onlineCpus: 2, memoryBytes: 100, memoryLimitBytes: 1000, netRxBytesPerSec: 0, netTxBytesPerSec: 0, blockReadBytesPerSec: 0, blockWriteBytesPerSec: 0, pids: 1 })
const only = () => [...main.open.values()][0]
const send = (m: StatsMessage | StatsSnapshot[]) => only()?.onMessage(m)

afterEach(() => {
  main.open.clear()
  main.next = 1
  main.refuse = null
  main.peak = 0
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('useStatsSession', () => {
  it('subscribes to one container, starts from the history and adds samples', async () => {
    const scope = effectScope()
    const s = scope.run(() => useStatsSession('c1'))!
    await s.open()
    expect(only()).toMatchObject({ topic: 'stats:container', params: { id: 'c1' } })
    send({ kind: 'history', samples: [sample(0, null), sample(1, 40)], limits: { cpuPercent: 50, memoryBytes: null } })
    send({ kind: 'sample', sample: sample(2, 45) })
    expect(s.state.value).toBe('live')
    expect(s.limits.value.cpuPercent).toBe(50)
    expect(s.series.points.cpu.map((p) => p.y)).toEqual([40, 45])
    expect(s.tick.value).toBe(2)
    scope.stop()
    expect(main.open.size).toBe(0)
  })

  it('says stopped and removed as main reports them, and live again when samples resume', async () => {
    const scope = effectScope()
    const s = scope.run(() => useStatsSession('c1'))!
    await s.open()
    send({ kind: 'history', samples: [], limits: { cpuPercent: null, memoryBytes: null } })
    send({ kind: 'state', state: 'stopped' })
    expect(s.state.value).toBe('stopped')
    send({ kind: 'sample', sample: sample(5) })
    expect(s.state.value).toBe('live')
    send({ kind: 'state', state: 'removed' })
    expect(s.state.value).toBe('removed')
    scope.stop()
  })

  it('keeps a refusal as an error to show', async () => {
    main.refuse = { code: 'NOT_FOUND', message: 'No such container: c9' }
    const scope = effectScope()
    const s = scope.run(() => useStatsSession('c9'))!
    await s.open()
    expect(s.state.value).toBe('error')
    expect(s.error.value?.code).toBe('NOT_FOUND')
    scope.stop()
  })
})

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

describe('useStatsOverview', () => {
  it('closes the overview subscription while the page is hidden and opens it again when shown', async () => {
    const turn = fakePage()
    const scope = effectScope()
    const o = scope.run(() => useStatsOverview())!
    await o.open()
    expect(only()).toMatchObject({ topic: 'stats:overview' })
    turn('hidden')
    await nextTick()
    expect(main.open.size).toBe(0)
    turn('visible')
    await nextTick()
    await Promise.resolve()
    expect(main.open.size).toBe(1)
    expect(only()).toMatchObject({ topic: 'stats:overview' })
    scope.stop()
    expect(main.open.size).toBe(0)
  })

  it('waits for the page to be shown before subscribing, and not at all once closed', async () => {
    const turn = fakePage('hidden')
    const scope = effectScope()
    const o = scope.run(() => useStatsOverview())!
    await o.open()
    expect(main.open.size).toBe(0)
    turn('visible')
    await nextTick()
    await Promise.resolve()
    expect(main.open.size).toBe(1)
    o.close()
    turn('hidden')
    await nextTick()
    turn('visible')
    await nextTick()
    await Promise.resolve()
    expect(main.open.size).toBe(0)
    scope.stop()
  })
})
