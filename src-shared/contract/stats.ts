import { z } from 'zod'
import { noParams, objectRef } from './common'
import { request, topic } from './define'
import { STATS_WATCH_MAX } from './stats-limits'

/**
 * One second of a container's resource use, computed in main exactly as the docker CLI does
 * (see REFERENCE.md). Rates are per second over the interval since the previous sample.
 * A figure the engine did not give (first sample, stopped container, Windows lacking a field) is null.
 */
export interface StatsSample {
  /** Epoch ms of the engine's `read` time. */
  t: number
  /** Δcontainer / Δsystem × online CPUs × 100: 100 is one whole CPU. Null on the first sample. */
  cpuPercent: number | null
  onlineCpus: number
  /** Usage minus inactive file cache (v1 `total_inactive_file`, v2 `inactive_file`); Windows: private working set. */
  memoryBytes: number | null
  memoryLimitBytes: number | null
  netRxBytesPerSec: number | null
  netTxBytesPerSec: number | null
  blockReadBytesPerSec: number | null
  blockWriteBytesPerSec: number | null
  pids: number | null
}

/** Limits set on the container, for the lines drawn on the charts. */
export interface StatsLimits {
  /** CPU limit in the same unit as cpuPercent (0.5 CPUs → 50), from NanoCpus or CpuQuota/CpuPeriod; null when unlimited. */
  cpuPercent: number | null
  /** The memory limit set on the container (HostConfig.Memory); null when unlimited. */
  memoryBytes: number | null
}

export type StatsMessage =
  /** First message: the ring buffer's history (oldest first) and the limits. */
  | { kind: 'history'; samples: StatsSample[]; limits: StatsLimits }
  /** Then one sample per second while the container runs. */
  | { kind: 'sample'; sample: StatsSample }
  /** The container stopped or was removed: no more samples until it runs again (stopped) or ever (removed). */
  | { kind: 'state'; state: 'stopped' | 'running' | 'removed' }

/** The latest figures of one running container, for list columns and the overview. */
export interface StatsSnapshot {
  id: string
  cpuPercent: number | null
  memoryBytes: number | null
  memoryLimitBytes: number | null
}

export interface StatsOverview {
  /** Every running container's latest figures. */
  containers: StatsSnapshot[]
  /** Sums over `containers`. */
  totals: { cpuPercent: number; memoryBytes: number }
  /** What the engine's host (or VM) has: 100 × cpus is the CPU ceiling. */
  host: { cpus: number; memoryBytes: number }
}

/** One process as `docker top` lists it: the engine's column titles and rows, as text. */
export interface ProcessTable {
  titles: string[]
  processes: string[][]
}

export { STATS_WATCH_MAX } from './stats-limits'

export const statsRequests = {
  /** `docker top`: the container's processes. `psArgs` as for `ps` (e.g. `-ef`, `aux`) on Linux engines. */
  'stats:top': request<ProcessTable>()(
    z.strictObject({
      id: objectRef,
      psArgs: z
        .string()
        .trim()
        .max(40)
        .regex(/^[a-zA-Z -]*$/, 'must be ps options such as -ef or aux')
        .optional(),
    }),
  ),
}

export const statsTopics = {
  /** One container's samples: its history first, then one per second. */
  'stats:container': topic<StatsMessage>()(z.strictObject({ id: objectRef })),
  /** Latest figures for the given running containers (the visible list rows), about once a second. */
  'stats:snapshots': topic<StatsSnapshot[]>()(z.strictObject({ ids: z.array(objectRef).max(STATS_WATCH_MAX) })),
  /** Every running container's latest figures and the engine's totals, about once a second. */
  'stats:overview': topic<StatsOverview>()(noParams),
}
