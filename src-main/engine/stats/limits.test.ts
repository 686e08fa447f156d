import { describe, expect, it } from 'vitest'
import { limitsOf } from './limits'

describe('limitsOf', () => {
  it('reads --cpus from NanoCpus in percent of one CPU', () => {
    expect(limitsOf({ NanoCpus: 500_000_000 }).cpuPercent).toBe(50)
    expect(limitsOf({ NanoCpus: 2_000_000_000 }).cpuPercent).toBe(200)
  })
  it('reads --cpu-quota over --cpu-period, with the kernel’s default period when none is set', () => {
    expect(limitsOf({ CpuQuota: 150_000, CpuPeriod: 100_000 }).cpuPercent).toBe(150)
    expect(limitsOf({ CpuQuota: 25_000, CpuPeriod: 0 }).cpuPercent).toBe(25)
  })
  it('has no limits for an unlimited container', () => {
    expect(limitsOf({ NanoCpus: 0, CpuQuota: 0, CpuPeriod: 0, Memory: 0 })).toEqual({ cpuPercent: null, memoryBytes: null })
    expect(limitsOf(undefined)).toEqual({ cpuPercent: null, memoryBytes: null })
  })
  it('reads -m from Memory', () => {
    expect(limitsOf({ Memory: 64 * 1024 * 1024 }).memoryBytes).toBe(67108864)
  })
})
