import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** One figure of a benchmark, as RESULTS.md shows it. */
export interface Metric {
  label: string
  value: number | null
  unit: 'ms' | '%' | 'rows' | 's' | 'x' | 'count' | 'lines/s' | 'lines' | 'MiB'
  /** Pass when value < budget. */
  budget?: number
  /** A figure measured in the same run for comparison (the engine, the CLI, Chromium), not Berth's own. */
  reference?: boolean
  note?: string
}

export interface BenchResult {
  name: string
  title: string
  metrics: Metric[]
  notes: string[]
  seconds: number
}

/** Labels every object a benchmark creates: `berth.bench=<run>-<part>`, `berth.bench.run=<run>`. */
export function benchLabels(part: string): { run: string; id: string; labels: Record<string, string> } {
  const run = process.env.BENCH_RUN_ID ?? `b${Date.now().toString(36)}`
  const id = `${run}-${part}`
  return { run, id, labels: { 'berth.bench': id, 'berth.bench.run': run } }
}

/** Wall-clock time in milliseconds with sub-millisecond resolution (comparable with the page's timeOrigin + now()). */
export function nowMs(): number {
  return performance.timeOrigin + performance.now()
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

export interface Summary {
  n: number
  p50: number
  p95: number
  max: number
  min: number
  mean: number
}

/** Nearest-rank percentiles. */
export function summarize(values: number[]): Summary {
  const v = [...values].sort((a, b) => a - b)
  const rank = (p: number) => v[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))] ?? NaN
  return {
    n: v.length,
    p50: rank(50),
    p95: rank(95),
    max: v[v.length - 1] ?? NaN,
    min: v[0] ?? NaN,
    mean: v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN,
  }
}

export function round(x: number, digits = 1): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

/**
 * Runs a benchmark body with its cleanup guaranteed: after success, failure, or SIGINT/SIGTERM.
 * Writes the result to $BENCH_OUT/<name>.json when set, and prints it either way.
 */
export async function runBench(name: string, body: (addCleanup: (fn: () => Promise<unknown> | unknown) => void) => Promise<Omit<BenchResult, 'name' | 'seconds'>>): Promise<void> {
  const cleanups: (() => Promise<unknown> | unknown)[] = []
  let cleaning: Promise<void> | null = null
  const cleanup = () =>
    (cleaning ??= (async () => {
      for (const fn of cleanups.reverse()) {
        try {
          await fn()
        } catch (err) {
          console.error(`[${name}] cleanup step failed: ${String(err)}`)
        }
      }
    })())
  const onSignal = (sig: NodeJS.Signals) => {
    console.error(`[${name}] ${sig}: cleaning up`)
    void cleanup().then(() => process.exit(130))
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  const started = performance.now()
  let exitCode = 0
  try {
    const out = await body((fn) => cleanups.push(fn))
    const result: BenchResult = { name, ...out, seconds: round((performance.now() - started) / 1000, 1) }
    const dir = process.env.BENCH_OUT
    if (dir) {
      mkdirSync(dir, { recursive: true })
      writeFileSync(join(dir, `${name}.json`), JSON.stringify(result, null, 2))
    }
    printResult(result)
  } catch (err) {
    console.error(`[${name}] failed:`, err)
    exitCode = 1
  } finally {
    await cleanup()
  }
  process.exit(exitCode)
}

function printResult(r: BenchResult): void {
  console.log(`\n${r.title} (${r.seconds} s)`)
  for (const m of r.metrics) {
    const budget = m.budget === undefined ? '' : `  budget < ${m.budget} ${m.unit}: ${m.value !== null && m.value < m.budget ? 'pass' : 'FAIL'}`
    console.log(`  ${m.reference ? '(ref) ' : ''}${m.label}: ${m.value ?? 'n/a'} ${m.unit}${budget}`)
  }
  for (const n of r.notes) console.log(`  - ${n}`)
}

export function log(name: string, msg: string): void {
  console.log(`[${name}] ${msg}`)
}
