import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick } from 'vue'
import type { StatsMessage, StatsSample } from '../../../src-shared/contract'
import { fakePage, main, only, resetMain } from '../../shared/testing/scripted-subscriptions'

// The stats subscriptions against a scripted main: what they subscribe to, what they keep, and
// that every subscription they opened is closed when their owner goes.
vi.mock('../../api', () => import('../../shared/testing/scripted-subscriptions').then((m) => m.scriptedApi))

const { useStatsSession } = await import('./stats-session')
const { useStatsOverview } = await import('./stats-overview-session')

const sample = (sec: number, cpu: number | null = 10): StatsSample => ({
  t: 1_000_000 + sec * 1000,
  cpuPercent: cpu,
  onlineCpus: 2,
  memoryBytes: 100,
  memoryLimitBytes: 1000,
  netRxBytesPerSec: 0,
  netTxBytesPerSec: 0,
  blockReadBytesPerSec: 0,
  blockWriteBytesPerSec: 0,
  pids: 1,
})
const send = (m: StatsMessage) => only()?.onMessage(m)

afterEach(resetMain)

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
