import type { LineBuffer } from './line-buffer'
import { nextTask } from './next-task'
import { indexOfSorted } from './sorted-ids'

export interface SearchQuery {
  text: string
  regex: boolean
  caseSensitive: boolean
}

/** [start, end) in a line's plain text. */
export type MatchRange = readonly [start: number, end: number]

export type CompiledSearch = { ok: true; re: RegExp | null } | { ok: false; error: string }

/** A plain or regex query as a global RegExp; null when there is nothing to search for. */
export function compileSearch(q: SearchQuery): CompiledSearch {
  if (q.text === '') return { ok: true, re: null }
  const flags = q.caseSensitive ? 'g' : 'gi'
  if (!q.regex) return { ok: true, re: new RegExp(q.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags) }
  try {
    return { ok: true, re: new RegExp(q.text, flags) }
  } catch (err) {
    // The engine's own words ("Unterminated group", "Nothing to repeat") after its prefix.
    return { ok: false, error: (err as Error).message.replace(/^Invalid regular expression: /, '') }
  }
}

const NONE: MatchRange[] = []

/** Every non-empty match in the text, left to right (a shared empty array when none: do not mutate it). */
export function findRanges(text: string, re: RegExp): MatchRange[] {
  re.lastIndex = 0
  let m = re.exec(text)
  // Most lines of a search do not match: no array for them.
  if (m === null) return NONE
  const out: MatchRange[] = []
  do {
    if (m[0] === '') {
      re.lastIndex++
      if (re.lastIndex > text.length) break
      continue
    }
    out.push([m.index, m.index + m[0].length])
  } while ((m = re.exec(text)) !== null)
  return out
}

/** One match: its line and which of the line's ranges. */
export interface Hit {
  id: number
  index: number
}

/**
 * All matches of a pattern over a LineBuffer, found in slices of a few milliseconds so a search
 * over 100,000s of lines never blocks the UI. Results are held by line id: they survive trimming
 * and extend as lines arrive (call sync() after the buffer changes).
 */
export class LogSearch<T> {
  private re: RegExp | null = null
  private generation = 0
  // Matching lines in columns, oldest first (no object per line: a search can match 100,000s):
  // ids[i] has ranges[i], and before[i] = number of ranges in lines [0..i).
  private ids: number[] = []
  private ranges: MatchRange[][] = []
  private before: number[] = []
  private from = 0
  private to = 0
  total = 0
  running = false

  constructor(
    private readonly buffer: LineBuffer<T>,
    private readonly text: (line: T) => string,
    private readonly onChange: () => void,
    private readonly pause: () => Promise<void> = nextTask,
    private readonly sliceMs = 5,
  ) {}

  get active(): boolean {
    return this.re !== null
  }

  /** Starts over with a new pattern (null: no search). */
  setPattern(re: RegExp | null): void {
    this.re = re
    this.reset()
    if (re) void this.scan()
    else this.onChange()
  }

  /** Follows the buffer: drops matches of trimmed lines, scans new ones, starts over after a prepend. */
  sync(): void {
    if (!this.re) return
    const first = this.buffer.firstId
    if (first < this.from) {
      this.reset()
      void this.scan()
      return
    }
    if (first > this.from) this.prune(first)
    if (!this.running && this.to < this.buffer.nextId) void this.scan()
  }

  dispose(): void {
    this.generation++
    this.re = null
  }

  rangesOf(id: number): readonly MatchRange[] | undefined {
    const i = indexOfSorted(this.ids, id)
    return i < 0 ? undefined : this.ranges[i]
  }

  /** Ids of matching lines, oldest first. */
  matchIds(): number[] {
    return this.ids.slice()
  }

  /** The n-th match (0-based), or null. */
  hit(n: number): Hit | null {
    if (n < 0 || n >= this.total) return null
    let lo = 0
    let hi = this.ids.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((this.before[mid] as number) <= n) lo = mid
      else hi = mid - 1
    }
    return { id: this.ids[lo] as number, index: n - (this.before[lo] as number) }
  }

  /** The ordinal of a match, or of the first match at or after it when it is gone; -1 if none. */
  ordinal(hit: Hit): number {
    let lo = 0
    let hi = this.ids.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((this.ids[mid] as number) < hit.id) lo = mid + 1
      else hi = mid
    }
    const id = this.ids[lo]
    if (id === undefined) return -1
    const base = this.before[lo] as number
    return id === hit.id ? base + Math.min(hit.index, (this.ranges[lo] as MatchRange[]).length - 1) : base
  }

  private reset(): void {
    this.generation++
    this.ids = []
    this.ranges = []
    this.before = []
    this.total = 0
    this.from = this.buffer.firstId
    this.to = this.from
    this.running = false
  }

  private prune(first: number): void {
    let k = 0
    while (k < this.ids.length && (this.ids[k] as number) < first) k++
    if (k > 0) {
      this.ids.splice(0, k)
      this.ranges.splice(0, k)
      this.before = []
      this.total = 0
      for (const r of this.ranges) {
        this.before.push(this.total)
        this.total += r.length
      }
    }
    this.from = first
    this.to = Math.max(this.to, first)
    this.onChange()
  }

  private async scan(): Promise<void> {
    const generation = this.generation
    const re = this.re
    if (!re) return
    this.running = true
    while (this.generation === generation && this.to < this.buffer.nextId) {
      this.to = this.scanSlice(re, performance.now() + this.sliceMs)
      this.onChange()
      if (this.to < this.buffer.nextId) await this.pause()
    }
    if (this.generation === generation) {
      this.running = false
      this.onChange()
    }
  }

  /** Scans from `to` until the deadline or the newest line; returns the id it reached. (Not in the async function: V8 optimises a plain loop better.) */
  private scanSlice(re: RegExp, deadline: number): number {
    const end = this.buffer.nextId
    let id = Math.max(this.to, this.buffer.firstId)
    while (id < end) {
      const stop = Math.min(end, id + 512)
      for (; id < stop; id++) {
        const line = this.buffer.byId(id)
        if (line === undefined) continue
        const ranges = findRanges(this.text(line), re)
        if (ranges.length === 0) continue
        this.ids.push(id)
        this.ranges.push(ranges)
        this.before.push(this.total)
        this.total += ranges.length
      }
      if (performance.now() >= deadline) break
    }
    return id
  }
}

export type StreamFilter = 'both' | 'stdout' | 'stderr'

/**
 * The ids a filtered view shows: lines of the chosen stream(s), and when `matches` is given only
 * those lines plus `context` lines of the same stream(s) before and after each. Null: no filter,
 * every line of the buffer shows.
 */
export function filterRows<T extends { stream: string }>(buffer: LineBuffer<T>, streams: StreamFilter, matches: readonly number[] | null, context: number): number[] | null {
  if (streams === 'both' && matches === null) return null
  let base: number[] | null = null
  if (streams !== 'both') {
    base = []
    const keep = base
    // Other entries (restart dividers) stay: they belong to both streams.
    const kept = (stream: string | undefined) => stream === streams || (stream !== 'stdout' && stream !== 'stderr')
    if (buffer.streamOf) {
      for (let id = buffer.firstId; id < buffer.nextId; id++) if (kept(buffer.streamOf(id))) keep.push(id)
    } else buffer.forEachId(buffer.firstId, buffer.nextId, (line, id) => kept(line.stream) && keep.push(id))
  }
  if (matches === null) return base
  const first = buffer.firstId
  const count = base ? base.length : buffer.size
  const idAt = (pos: number) => (base ? (base[pos] as number) : first + pos)
  const posOf = (id: number): number => {
    if (!base) return id >= first && id < buffer.nextId ? id - first : -1
    return indexOfSorted(base, id)
  }
  const out: number[] = []
  let shownTo = -1 // positions < shownTo are already out
  for (const id of matches) {
    const pos = posOf(id)
    if (pos < 0) continue
    const start = Math.max(pos - context, shownTo, 0)
    const end = Math.min(pos + context + 1, count)
    for (let p = start; p < end; p++) out.push(idAt(p))
    shownTo = Math.max(shownTo, end)
  }
  return out
}
