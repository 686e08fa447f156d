import { describe, expect, it } from 'vitest'
import { cpuPercentUnix, cpuPercentWindows, memoryUsedUnix, rate, toSample } from './formulas'
import type { EngineStats } from './raw'
import v1Burn from './fixtures/cgroup-v1-cpus-half.json'
import v1Cache from './fixtures/cgroup-v1-file-cache.json'
import v2 from './fixtures/cgroup-v2-documented.json'
import windows from './fixtures/windows-documented.json'

// cgroup v1 fixtures were recorded from this machine's engine (20.10, `--cpus 0.5` running `yes`,
// and `-m 64m` after reading a 20 MB file); v2 and Windows are shaped as the Engine API documents.
const burn = v1Burn as EngineStats[]
const cache = v1Cache as EngineStats[]
const [v2a, v2b] = v2 as EngineStats[]
const [wa, wb] = windows as EngineStats[]

describe('stats formulas (as the docker CLI computes them)', () => {
  it('cgroup v1: CPU is Δcontainer / Δsystem × online CPUs × 100, the same as from the engine’s own precpu_stats', () => {
    const s = toSample(burn[1]!, burn[0]!, false)!
    expect(s.cpuPercent).toBeCloseTo(((1598085081 - 1089337210) / (40875460000000 - 40873410000000)) * 2 * 100, 9)
    expect(s.cpuPercent).toBeCloseTo(cpuPercentUnix(burn[1]!.precpu_stats!, burn[1]!.cpu_stats!), 9)
    expect(s.cpuPercent!).toBeGreaterThan(45)
    expect(s.cpuPercent!).toBeLessThan(55)
    expect(s.onlineCpus).toBe(2)
    expect(s.pids).toBe(1)
  })

  it('cgroup v1: memory is usage minus total_inactive_file, the limit as the engine gives it', () => {
    const s = toSample(cache[1]!, cache[0]!, false)!
    expect(s.memoryBytes).toBe(21295104 - 20000768)
    expect(s.memoryLimitBytes).toBe(64 * 1024 * 1024)
  })

  it('cgroup v1: block I/O ops are capitalised (Read, Write) and summed per op', () => {
    const at = (t: string, read: number, write: number): EngineStats => ({
      ...burn[1]!,
      read: t,
      blkio_stats: {
        io_service_bytes_recursive: [
          { op: 'Read', value: read },
          { op: 'Write', value: write },
          { op: 'Sync', value: 1 },
          { op: 'Total', value: read + write },
        ],
      },
    })
    const s = toSample(at('2026-11-23T10:00:02Z', 3000, 900), at('2026-11-23T10:00:00Z', 1000, 100), false)!
    expect(s.blockReadBytesPerSec).toBe(1000)
    expect(s.blockWriteBytesPerSec).toBe(400)
  })

  it('cgroup v2: memory subtracts inactive_file, block I/O reads lower-case ops, networks are summed', () => {
    const s = toSample(v2b!, v2a!, false)!
    expect(s.cpuPercent).toBeCloseTo(80, 9)
    expect(s.onlineCpus).toBe(4)
    expect(s.memoryBytes).toBe(21_000_000 - 8_500_000)
    expect(s.memoryLimitBytes).toBe(8217473024)
    expect(s.netRxBytesPerSec).toBe(2048)
    expect(s.netTxBytesPerSec).toBe(1024)
    expect(s.blockReadBytesPerSec).toBe(2_097_152)
    expect(s.blockWriteBytesPerSec).toBe(1_048_576)
    expect(s.pids).toBe(9)
  })

  it('Windows: CPU in 100 ns units over elapsed intervals × num_procs, private working set, storage stats, no PIDs', () => {
    const s = toSample(wb!, wa!, true)!
    expect(s.cpuPercent).toBeCloseTo(25, 9)
    // The CLI's own inputs (read/preread and precpu of the same document) give the same figure.
    expect(cpuPercentWindows({ read: Date.parse(wb!.preread!), cpu: wb!.precpu_stats! }, { read: Date.parse(wb!.read!), cpu: wb!.cpu_stats!, numProcs: 2 })).toBeCloseTo(25, 9)
    expect(s.onlineCpus).toBe(2)
    expect(s.memoryBytes).toBe(61_000_000)
    expect(s.memoryLimitBytes).toBeNull()
    expect(s.blockReadBytesPerSec).toBe(200_000)
    expect(s.blockWriteBytesPerSec).toBe(100_000)
    expect(s.netRxBytesPerSec).toBe(10_000)
    expect(s.netTxBytesPerSec).toBe(5_000)
    expect(s.pids).toBeNull()
  })

  it('the first sample has no CPU and no rates (not a spike), but has memory and PIDs', () => {
    for (const [first, windowsEngine] of [
      [burn[0]!, false],
      [v2a!, false],
      [wa!, true],
    ] as const) {
      const s = toSample(first, null, windowsEngine)!
      expect(s.cpuPercent).toBeNull()
      expect(s.netRxBytesPerSec).toBeNull()
      expect(s.netTxBytesPerSec).toBeNull()
      expect(s.blockReadBytesPerSec).toBeNull()
      expect(s.blockWriteBytesPerSec).toBeNull()
      expect(s.memoryBytes).not.toBeNull()
    }
  })

  it('a stopped container’s empty stats (zero read time) are no sample', () => {
    expect(toSample({ read: '0001-01-01T00:00:00Z' }, burn[0]!, false)).toBeNull()
    expect(toSample({}, null, false)).toBeNull()
  })

  it('CPU is 0 unless both the container and the system deltas are positive', () => {
    const cpu = (total: number, system: number) => ({ cpu_usage: { total_usage: total }, system_cpu_usage: system, online_cpus: 2 })
    expect(cpuPercentUnix(cpu(100, 1000), cpu(100, 2000))).toBe(0)
    expect(cpuPercentUnix(cpu(100, 1000), cpu(200, 1000))).toBe(0)
    expect(cpuPercentUnix(cpu(100, 1000), cpu(200, 2000))).toBe(20)
  })

  it('without online_cpus the CPU count is the length of percpu_usage', () => {
    const cpu = (total: number, system: number) => ({ cpu_usage: { total_usage: total, percpu_usage: [1, 2, 3] }, system_cpu_usage: system })
    expect(cpuPercentUnix(cpu(0, 0), cpu(100, 1000))).toBeCloseTo(30, 9)
  })

  it('memory falls back to usage when the inactive file figure is missing or not below usage', () => {
    expect(memoryUsedUnix({ usage: 5000 })).toBe(5000)
    expect(memoryUsedUnix({ usage: 5000, stats: { total_inactive_file: 6000 } })).toBe(5000)
    expect(memoryUsedUnix({ usage: 5000, stats: { inactive_file: 1000 } })).toBe(4000)
  })

  it('rates are per second of the engine’s read times, and empty when a counter went back (reset)', () => {
    expect(rate(3000, 1000, 2)).toBe(1000)
    expect(rate(500, 1000, 1)).toBeNull()
    expect(rate(500, undefined, 1)).toBeNull()
    expect(rate(500, 100, 0)).toBeNull()
    const a = { ...v2a!, read: '2026-11-23T10:00:00.000Z' }
    const b = { ...v2b!, read: '2026-11-23T10:00:00.500Z' }
    expect(toSample(b, a, false)!.netRxBytesPerSec).toBe(4096)
  })
})

describe('read times', () => {
  it('reads the engine’s nanosecond times to the millisecond, and other RFC 3339 forms as they are', async () => {
    const { readTime } = await import('./raw')
    expect(readTime({ read: '2026-11-23T18:21:54.61783256Z' })).toBe(Date.UTC(2026, 10, 23, 18, 21, 54, 617))
    expect(readTime({ read: '2026-11-23T10:00:02.0000000Z' })).toBe(Date.UTC(2026, 10, 23, 10, 0, 2))
    expect(readTime({ read: '2026-11-23T10:00:02Z' })).toBe(Date.UTC(2026, 10, 23, 10, 0, 2))
    expect(readTime({ read: '2026-11-23T19:00:02.5+09:00' })).toBe(Date.UTC(2026, 10, 23, 10, 0, 2, 500))
    expect(readTime({ read: '0001-01-01T00:00:00Z' })).toBeNull()
    expect(readTime({ read: 'yesterday' })).toBeNull()
  })
})
