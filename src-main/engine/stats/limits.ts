import type { StatsLimits } from '../../../src-shared/contract/stats'

export interface HostConfigLimits {
  NanoCpus?: number
  CpuQuota?: number
  CpuPeriod?: number
  Memory?: number
}

/** The CFS period the kernel uses when a container sets a quota without a period. */
const DEFAULT_CPU_PERIOD_US = 100_000

/** The container's CPU and memory limits in the units the charts use (0.5 CPUs → 50 %). */
export function limitsOf(host: HostConfigLimits | undefined): StatsLimits {
  let cpuPercent: number | null = null
  if (host?.NanoCpus && host.NanoCpus > 0) cpuPercent = (host.NanoCpus / 1e9) * 100
  else if (host?.CpuQuota && host.CpuQuota > 0) cpuPercent = (host.CpuQuota / (host.CpuPeriod || DEFAULT_CPU_PERIOD_US)) * 100
  return { cpuPercent, memoryBytes: host?.Memory && host.Memory > 0 ? host.Memory : null }
}
