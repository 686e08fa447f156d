import type { StatsSample } from '../../../src-shared/contract/stats'
import { readTime, type EngineCpuStats, type EngineStats } from './raw'

// The docker CLI's formulas (cli/command/container/stats_helpers.go), on raw stats JSON.

/** Δcontainer / Δsystem × online CPUs × 100, only when both deltas are positive (else 0, as the CLI). */
export function cpuPercentUnix(previous: EngineCpuStats, current: EngineCpuStats): number {
  const cpuDelta = (current.cpu_usage?.total_usage ?? 0) - (previous.cpu_usage?.total_usage ?? 0)
  const systemDelta = (current.system_cpu_usage ?? 0) - (previous.system_cpu_usage ?? 0)
  const online = onlineCpus(current)
  return systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * online * 100 : 0
}

/** Windows: CPU time in 100 ns units over the 100 ns intervals all processors had since the previous read. */
export function cpuPercentWindows(previous: { read: number; cpu: EngineCpuStats }, current: { read: number; cpu: EngineCpuStats; numProcs: number }): number {
  const ns = (current.read - previous.read) * 1e6
  if (ns <= 0) return 0
  const possible = Math.floor(ns / 100) * current.numProcs
  if (possible <= 0) return 0
  const used = (current.cpu.cpu_usage?.total_usage ?? 0) - (previous.cpu.cpu_usage?.total_usage ?? 0)
  return (used / possible) * 100
}

function onlineCpus(cpu: EngineCpuStats): number {
  return cpu.online_cpus || (cpu.cpu_usage?.percpu_usage?.length ?? 0)
}

/** Usage minus the inactive file cache: `total_inactive_file` on cgroup v1, `inactive_file` on v2. */
export function memoryUsedUnix(mem: NonNullable<EngineStats['memory_stats']>): number {
  const usage = mem.usage ?? 0
  const v1 = mem.stats?.total_inactive_file
  if (v1 !== undefined && v1 < usage) return usage - v1
  const v2 = mem.stats?.inactive_file ?? 0
  if (v2 < usage) return usage - v2
  return usage
}

/** Bytes received and sent, summed over every interface. */
function networkTotals(s: EngineStats): { rx: number; tx: number } | null {
  if (!s.networks) return null
  let rx = 0
  let tx = 0
  for (const n of Object.values(s.networks)) {
    rx += n.rx_bytes ?? 0
    tx += n.tx_bytes ?? 0
  }
  return { rx, tx }
}

/** Bytes read and written: blkio service bytes by op (`Read` on cgroup v1, `read` on v2); Windows: storage stats. */
function blockTotals(s: EngineStats, windows: boolean): { read: number; write: number } | null {
  if (windows) {
    const st = s.storage_stats
    if (st?.read_size_bytes === undefined && st?.write_size_bytes === undefined) return null
    return { read: st.read_size_bytes ?? 0, write: st.write_size_bytes ?? 0 }
  }
  const entries = s.blkio_stats?.io_service_bytes_recursive
  if (!s.blkio_stats) return null
  let read = 0
  let write = 0
  for (const e of entries ?? []) {
    const first = e.op?.[0]
    if (first === 'r' || first === 'R') read += e.value ?? 0
    else if (first === 'w' || first === 'W') write += e.value ?? 0
  }
  return { read, write }
}

/**
 * One sample from the engine's stats and the previous stats Berth received for the same run of
 * the container. Without a previous one, CPU and rates are null: the engine's first answer has
 * no real `precpu_stats`, and a percentage over the container's whole life would show as a spike.
 * Returns null for the empty stats of a container that is not running.
 */
export function toSample(current: EngineStats, previous: EngineStats | null, windows: boolean): StatsSample | null {
  const t = readTime(current)
  if (t === null) return null
  const prevT = previous ? readTime(previous) : null
  const seconds = prevT !== null ? (t - prevT) / 1000 : 0
  const cpu = current.cpu_stats ?? {}
  const mem = current.memory_stats

  let cpuPercent: number | null = null
  if (previous && prevT !== null && seconds > 0) {
    cpuPercent = windows ? cpuPercentWindows({ read: prevT, cpu: previous.cpu_stats ?? {} }, { read: t, cpu, numProcs: current.num_procs ?? 0 }) : cpuPercentUnix(previous.cpu_stats ?? {}, cpu)
  }

  const net = networkTotals(current)
  const prevNet = previous ? networkTotals(previous) : null
  const blk = blockTotals(current, windows)
  const prevBlk = previous ? blockTotals(previous, windows) : null

  return {
    t,
    cpuPercent,
    onlineCpus: windows ? (current.num_procs ?? 0) : onlineCpus(cpu),
    memoryBytes: !mem ? null : windows ? (mem.privateworkingset ?? null) : memoryUsedUnix(mem),
    memoryLimitBytes: windows ? null : (mem?.limit ?? null),
    netRxBytesPerSec: rate(net?.rx, prevNet?.rx, seconds),
    netTxBytesPerSec: rate(net?.tx, prevNet?.tx, seconds),
    blockReadBytesPerSec: rate(blk?.read, prevBlk?.read, seconds),
    blockWriteBytesPerSec: rate(blk?.write, prevBlk?.write, seconds),
    pids: windows ? null : (current.pids_stats?.current ?? null),
  }
}

/** Per second between two counter readings; null without both, or when a counter went back (it was reset). */
export function rate(now: number | undefined, before: number | undefined, seconds: number): number | null {
  if (now === undefined || before === undefined || seconds <= 0 || now < before) return null
  return (now - before) / seconds
}
