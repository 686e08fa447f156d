import { markRaw } from 'vue'
import type { StatsLimits, StatsSample } from '../../../src-shared/contract'

/** A chart point in Chart.js's internal format ({x, y}, x in epoch ms), so it skips parsing. */
export interface Point {
  x: number
  y: number
}

export const METRICS = ['cpu', 'memory', 'netRx', 'netTx', 'blockRead', 'blockWrite', 'pids'] as const
export type Metric = (typeof METRICS)[number]

const FIELD: Record<Metric, keyof StatsSample> = {
  cpu: 'cpuPercent',
  memory: 'memoryBytes',
  netRx: 'netRxBytesPerSec',
  netTx: 'netTxBytesPerSec',
  blockRead: 'blockReadBytesPerSec',
  blockWrite: 'blockWriteBytesPerSec',
  pids: 'pids',
}

/** The windows the Stats tab offers, in seconds. */
export const STATS_WINDOWS = [60, 300, 900] as const
export type StatsWindow = (typeof STATS_WINDOWS)[number]

/** What the renderer keeps: the longest window and a minute to spare, so trimming is batched. */
export const KEEP_MS = (Math.max(...STATS_WINDOWS) + 60) * 1000
const TRIM_SLACK = 60

export const NO_LIMITS: StatsLimits = { cpuPercent: null, memoryBytes: null }

/**
 * One container's samples as a point array per figure, oldest first. Figures the engine did not
 * give are left out rather than stored as null (the line breaks over gaps by distance, see
 * chartGap), so every array is sorted, unique in x and ready for Chart.js with `parsing: false`.
 * The arrays are marked raw: Vue must not wrap them in proxies, Chart.js reads them every frame.
 */
export class StatsSeries {
  readonly points: Readonly<Record<Metric, Point[]>>
  limits: StatsLimits = NO_LIMITS
  latest: StatsSample | null = null
  /** How many samples arrived, for "the chart moved" checks. */
  count = 0

  constructor(private readonly keepMs = KEEP_MS) {
    this.points = markRaw(Object.fromEntries(METRICS.map((m) => [m, markRaw<Point[]>([])])) as Record<Metric, Point[]>)
  }

  /** Replaces everything with a history (oldest first). */
  reset(samples: readonly StatsSample[], limits: StatsLimits): void {
    for (const m of METRICS) this.points[m].length = 0
    this.latest = null
    this.limits = limits
    this.count = 0
    for (const s of samples) this.add(s)
  }

  /** Appends one sample; one that is not newer than the last is ignored (false). */
  add(sample: StatsSample): boolean {
    if (this.latest && sample.t <= this.latest.t) return false
    this.latest = sample
    this.count++
    for (const m of METRICS) {
      const y = sample[FIELD[m]]
      if (typeof y === 'number' && Number.isFinite(y)) this.points[m].push({ x: sample.t, y })
    }
    this.trim(sample.t)
    return true
  }

  /** The newest value of a figure, or null when the latest sample did not have it. */
  value(metric: Metric): number | null {
    const y = this.latest?.[FIELD[metric]]
    return typeof y === 'number' && Number.isFinite(y) ? y : null
  }

  /** Drops points older than keepMs, in batches (one splice a minute, not a shift a second). */
  private trim(now: number): void {
    const cutoff = now - this.keepMs
    for (const m of METRICS) {
      const arr = this.points[m]
      let n = 0
      while (n < arr.length && (arr[n] as Point).x < cutoff) n++
      if (n >= TRIM_SLACK || (n > 0 && n === arr.length)) arr.splice(0, n)
    }
  }
}

/** How many points of a sorted series fall in [from, to]. */
export function pointsIn(points: readonly Point[], from: number, to: number): number {
  let n = 0
  for (let i = points.length - 1; i >= 0; i--) {
    const x = (points[i] as Point).x
    if (x < from) break
    if (x <= to) n++
  }
  return n
}

/** A horizontal line across the window, or no points when there is no limit. */
export function limitLine(limit: number | null, from: number, to: number): Point[] {
  return limit === null || !Number.isFinite(limit) || limit <= 0
    ? []
    : [
        { x: from, y: limit },
        { x: to, y: limit },
      ]
}

/** Samples drawn per chart for the longer windows (LTTB keeps peaks and shape). */
export const DECIMATED_SAMPLES = 240

/**
 * Decimation for a window: off for the one-minute window (60 points are nothing to draw), LTTB
 * down to DECIMATED_SAMPLES for the long ones once there are more points than that.
 */
export function decimationFor(windowSec: number): { enabled: boolean; algorithm: 'lttb'; samples: number; threshold: number } {
  return { enabled: windowSec > 60, algorithm: 'lttb', samples: DECIMATED_SAMPLES, threshold: DECIMATED_SAMPLES }
}

/**
 * The largest distance between neighbouring points that still draws as a line (Chart.js
 * `spanGaps` in x units): a few missed seconds are joined, a stop is a visible gap. Decimated
 * points lie further apart, so the long windows allow more.
 */
export function chartGap(windowSec: number): number {
  const spacing = windowSec > 60 ? (windowSec * 1000) / DECIMATED_SAMPLES : 1000
  return Math.max(5000, 3 * spacing)
}

/** Tick positions for the time axis: counted back from the newest sample, so labels stay put. */
export function windowTicks(to: number, windowSec: number): number[] {
  const step = windowSec <= 60 ? 10 : windowSec <= 300 ? 60 : 180
  const out: number[] = []
  for (let back = 0; back <= windowSec; back += step) out.unshift(to - back * 1000)
  return out
}

/**
 * A byte axis in steps a person reads (powers of two: 16 MiB, 32 MiB…) rather than decimal
 * ones (19.07 MiB). Returns the step and the top of the axis.
 */
export function binaryAxis(max: number, steps = 4): { step: number; max: number } {
  if (!Number.isFinite(max) || max <= 0) return { step: 1, max: steps }
  const step = 2 ** Math.ceil(Math.log2(max / steps))
  return { step, max: Math.ceil(max / step - 1e-9) * step }
}
