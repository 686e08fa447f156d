// Time order of log lines, shared by the merged view (renderer) and the merged export (main).

export interface Timed {
  /** Epoch milliseconds. */
  ms: number
  /** RFC3339Nano text: breaks ties below the millisecond. */
  time: string
}

/** Nanoseconds within the millisecond, read from the RFC3339Nano fraction. */
function subMs(time: string): number {
  const m = /\.(\d+)/.exec(time)
  if (!m) return 0
  return Number((m[1] as string).padEnd(9, '0').slice(3, 9))
}

export function compareTimed(a: Timed, b: Timed): number {
  return a.ms - b.ms || subMs(a.time) - subMs(b.time)
}
