import { describe, expect, it } from 'vitest'
import type { StatsSample } from '../../../src-shared/contract'
import { binaryAxis, chartGap, decimationFor, KEEP_MS, limitLine, pointsIn, StatsSeries, windowTicks } from './stats-series'

const T0 = Date.UTC(2026, 10, 23, 12)

function sample(sec: number, over: Partial<StatsSample> = {}): StatsSample {
  return {
    t: T0 + sec * 1000,
    cpuPercent: 10 + sec,
    onlineCpus: 2,
    memoryBytes: 1024 * sec,
    memoryLimitBytes: 64 * 1024 * 1024,
    netRxBytesPerSec: 100,
    netTxBytesPerSec: 50,
    blockReadBytesPerSec: 0,
    blockWriteBytesPerSec: 4096,
    pids: 3,
    ...over,
  }
}

describe('StatsSeries', () => {
  it('turns a history into one sorted point array per figure, in Chart.js {x, y} form', () => {
    const s = new StatsSeries()
    s.reset([sample(0), sample(1), sample(2)], { cpuPercent: 50, memoryBytes: null })
    expect(s.points.cpu).toEqual([
      { x: T0, y: 10 },
      { x: T0 + 1000, y: 11 },
      { x: T0 + 2000, y: 12 },
    ])
    expect(s.points.blockWrite.map((p) => p.y)).toEqual([4096, 4096, 4096])
    expect(s.limits.cpuPercent).toBe(50)
    expect(s.count).toBe(3)
  })

  it('leaves out figures the engine did not give, so the first sample is no spike at zero', () => {
    const s = new StatsSeries()
    s.reset([sample(0, { cpuPercent: null, netRxBytesPerSec: null }), sample(1)], { cpuPercent: null, memoryBytes: null })
    expect(s.points.cpu).toEqual([{ x: T0 + 1000, y: 11 }])
    expect(s.points.netRx).toHaveLength(1)
    expect(s.points.memory).toHaveLength(2)
  })

  it('ignores a sample that is not newer than the last one', () => {
    const s = new StatsSeries()
    s.add(sample(5))
    expect(s.add(sample(5))).toBe(false)
    expect(s.add(sample(4))).toBe(false)
    expect(s.points.cpu).toHaveLength(1)
    expect(s.count).toBe(1)
  })

  it('a new history replaces the old one, limits included', () => {
    const s = new StatsSeries()
    s.reset([sample(0), sample(1)], { cpuPercent: 50, memoryBytes: 1 })
    s.reset([sample(10)], { cpuPercent: null, memoryBytes: null })
    expect(s.points.cpu).toEqual([{ x: T0 + 10_000, y: 20 }])
    expect(s.limits).toEqual({ cpuPercent: null, memoryBytes: null })
  })

  it('keeps the longest window and drops older points in batches', () => {
    const s = new StatsSeries(100_000)
    for (let i = 0; i <= 200; i++) s.add(sample(i))
    const oldest = (s.points.pids[0] as { x: number }).x
    expect(T0 + 200_000 - oldest).toBeGreaterThanOrEqual(100_000)
    // Never more than the kept span plus one batch of slack.
    expect(s.points.pids.length).toBeLessThanOrEqual(100 + 60 + 1)
    expect(s.points.pids.at(-1)).toEqual({ x: T0 + 200_000, y: 3 })
    expect(KEEP_MS).toBeGreaterThanOrEqual(900_000)
  })

  it('reads the latest value of a figure, null when the latest sample lacks it', () => {
    const s = new StatsSeries()
    s.add(sample(1))
    expect(s.value('cpu')).toBe(11)
    s.add(sample(2, { pids: null }))
    expect(s.value('pids')).toBeNull()
  })
})

describe('windows and the time axis', () => {
  it('counts points inside a window', () => {
    const pts = [0, 1, 2, 3, 4].map((i) => ({ x: i, y: 0 }))
    expect(pointsIn(pts, 2, 4)).toBe(3)
    expect(pointsIn(pts, 10, 20)).toBe(0)
  })

  it('puts ticks back from the newest sample at a step that suits the window', () => {
    expect(windowTicks(T0, 60)).toEqual([-60, -50, -40, -30, -20, -10, 0].map((s) => T0 + s * 1000))
    expect(windowTicks(T0, 300)).toHaveLength(6)
    expect(windowTicks(T0, 900).map((v) => (T0 - v) / 1000)).toEqual([900, 720, 540, 360, 180, 0])
  })

  it('decimates the long windows only, with LTTB', () => {
    expect(decimationFor(60).enabled).toBe(false)
    expect(decimationFor(900)).toMatchObject({ enabled: true, algorithm: 'lttb' })
  })

  it('joins a few missed seconds but breaks the line over a stop, wider when points are decimated', () => {
    expect(chartGap(60)).toBe(5000)
    expect(chartGap(900)).toBeGreaterThan((900 * 1000) / decimationFor(900).samples)
  })
})

describe('limitLine', () => {
  it('is a level line across the window', () => {
    expect(limitLine(50, 1, 9)).toEqual([
      { x: 1, y: 50 },
      { x: 9, y: 50 },
    ])
  })

  it('is nothing without a limit', () => {
    expect(limitLine(null, 1, 9)).toEqual([])
    expect(limitLine(0, 1, 9)).toEqual([])
  })
})

describe('binaryAxis', () => {
  it('steps in powers of two so labels read 16 MiB, 32 MiB…', () => {
    const mib = 1024 * 1024
    expect(binaryAxis(64 * mib)).toEqual({ step: 16 * mib, max: 64 * mib })
    expect(binaryAxis(70 * mib)).toEqual({ step: 32 * mib, max: 96 * mib })
    expect(binaryAxis(500)).toEqual({ step: 128, max: 512 })
  })

  it('gives a small axis for an idle figure', () => {
    expect(binaryAxis(0)).toEqual({ step: 1, max: 4 })
  })
})
