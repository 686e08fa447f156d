import { describe, expect, it } from 'vitest'
import type { StatsSnapshot } from '../../../src-shared/contract'
import { engineShares, topConsumers } from './overview-model'

const snap = (id: string, cpu: number | null, mem: number | null): StatsSnapshot => ({ id, cpuPercent: cpu, memoryBytes: mem, memoryLimitBytes: null })

describe('topConsumers', () => {
  const all = [snap('a', 5, 100), snap('b', 50, 10), snap('c', null, 300), snap('d', 20, 200), snap('e', 20, 0)]

  it('lists the largest first, leaving out containers without the figure', () => {
    const top = topConsumers(all, (s) => s.cpuPercent, 200)
    expect(top.map((c) => c.id)).toEqual(['b', 'd', 'e', 'a'])
    expect(top[0]).toEqual({ id: 'b', value: 50, ofTop: 1, ofHost: 0.25 })
    expect(top[1]?.ofTop).toBeCloseTo(0.4)
  })

  it('keeps at most n, ties in a stable order', () => {
    expect(topConsumers(all, (s) => s.memoryBytes, 1000, 2).map((c) => c.id)).toEqual(['c', 'd'])
    expect(topConsumers([snap('z', 1, 1), snap('y', 1, 1)], (s) => s.cpuPercent, 100).map((c) => c.id)).toEqual(['y', 'z'])
  })

  it('is empty when nothing runs', () => {
    expect(topConsumers([], (s) => s.cpuPercent, 100)).toEqual([])
  })
})

describe('engineShares', () => {
  it('measures CPU against 100 per host CPU and memory against the host', () => {
    const o = { containers: [], totals: { cpuPercent: 50, memoryBytes: 256 }, host: { cpus: 2, memoryBytes: 1024 } }
    expect(engineShares(o)).toEqual({ cpu: 0.25, memory: 0.25, cpuCeiling: 200 })
  })

  it('never reports more than the whole host', () => {
    const o = { containers: [], totals: { cpuPercent: 500, memoryBytes: 4096 }, host: { cpus: 2, memoryBytes: 1024 } }
    expect(engineShares(o)).toMatchObject({ cpu: 1, memory: 1 })
  })
})
