/**
 * The parts of the Engine API's stats JSON (`GET /containers/{id}/stats`) that Berth reads.
 * Linux engines fill cpu/memory/blkio/pids; Windows engines fill num_procs, storage_stats and
 * memory_stats.privateworkingset, with CPU in 100 ns units.
 */
export interface EngineStats {
  read?: string
  preread?: string
  num_procs?: number
  cpu_stats?: EngineCpuStats
  precpu_stats?: EngineCpuStats
  memory_stats?: {
    usage?: number
    limit?: number
    stats?: Record<string, number>
    privateworkingset?: number
    commitbytes?: number
  }
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>
  blkio_stats?: { io_service_bytes_recursive?: { op?: string; value?: number }[] | null }
  storage_stats?: { read_size_bytes?: number; write_size_bytes?: number }
  pids_stats?: { current?: number }
}

export interface EngineCpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null }
  system_cpu_usage?: number
  online_cpus?: number
}

/** Epoch ms of a stats `read` time; null for the zero time a stopped container's empty sample carries. */
export function readTime(s: EngineStats): number | null {
  const read = s.read
  if (!read || read.startsWith('0001-')) return null
  // The engine writes nanoseconds (`…:54.61783256Z`); cut to milliseconds, the form Date.parse
  // reads on its fast path (the rest would send it to the slow legacy parser on every sample).
  const t = Date.parse(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{4,}Z$/.test(read) ? `${read.slice(0, 23)}Z` : read)
  return Number.isFinite(t) ? t : null
}
