import type { StatsOverview, StatsSnapshot } from '../../../src-shared/contract'

export interface Consumer {
  id: string
  value: number
  /** Of the largest in its list, 0–1: the bar's length. */
  ofTop: number
  /** Of what the host has, 0–1. */
  ofHost: number
}

export const TOP_N = 5

/**
 * The biggest consumers of one figure, largest first (ties by id, so the order holds still from
 * one second to the next). Containers without the figure yet are left out, not counted as zero.
 */
export function topConsumers(containers: readonly StatsSnapshot[], pick: (s: StatsSnapshot) => number | null, hostTotal: number, n = TOP_N): Consumer[] {
  const known = containers.flatMap((s) => {
    const v = pick(s)
    return v !== null && Number.isFinite(v) ? [{ id: s.id, value: v }] : []
  })
  known.sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const top = known.slice(0, n)
  const max = top[0]?.value ?? 0
  return top.map((c) => ({ ...c, ofTop: max > 0 ? c.value / max : 0, ofHost: hostTotal > 0 ? c.value / hostTotal : 0 }))
}

/** The engine's use against its host: CPU against 100 × CPUs, memory against the host's memory. */
export function engineShares(o: StatsOverview): { cpu: number; memory: number; cpuCeiling: number } {
  const cpuCeiling = o.host.cpus * 100
  return {
    cpu: cpuCeiling > 0 ? Math.min(1, o.totals.cpuPercent / cpuCeiling) : 0,
    memory: o.host.memoryBytes > 0 ? Math.min(1, o.totals.memoryBytes / o.host.memoryBytes) : 0,
    cpuCeiling,
  }
}
