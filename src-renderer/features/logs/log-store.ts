import type { LogEntry } from './log-entry'
import type { LineBuffer } from './line-buffer'

/** Default number of lines a log view keeps. Older ones leave the view, with a marker saying so. */
export const DEFAULT_LOG_CAP = 100_000

/** Lines per sealed segment. */
const SEGMENT = 1024
/** Line objects kept for rows on screen, so a redraw hands Vue the same object and skips the row. */
const VIEW_CACHE = 512

const STREAM_CODE = { stdout: 0, stderr: 1, event: 2 } as const
const STREAM_NAME = ['stdout', 'stderr', 'event'] as const

/**
 * Lines packed into columns: each field of up to 1024 lines is one joined string (with end
 * offsets) or one typed array. Held as objects, 100,000 lines are some 400,000 heap objects the
 * garbage collector walks on every major collection, and a flood makes that a pause the user
 * sees; packed they are about a thousand.
 */
interface Segment {
  /** Id of its first line. */
  start: number
  count: number
  text: string
  textEnd: Uint32Array
  /** null: every line's plain text is its text (no ANSI escapes in the segment). */
  plain: string | null
  plainEnd: Uint32Array | null
  time: string
  timeEnd: Uint32Array
  ms: Float64Array
  stream: Uint8Array
  source: Uint16Array
  /** Lifecycle markers (restarted/stopped) by index: rare, kept as they are. */
  events: Map<number, LogEntry> | null
}

function seal(lines: readonly LogEntry[], start: number): Segment {
  const n = lines.length
  const textEnd = new Uint32Array(n)
  const timeEnd = new Uint32Array(n)
  const ms = new Float64Array(n)
  const stream = new Uint8Array(n)
  const source = new Uint16Array(n)
  const texts: string[] = new Array<string>(n)
  const times: string[] = new Array<string>(n)
  let events: Map<number, LogEntry> | null = null
  let plainDiffers = false
  let textAt = 0
  let timeAt = 0
  for (let i = 0; i < n; i++) {
    const e = lines[i] as LogEntry
    const text = e.kind === 'line' ? e.text : ''
    if (e.kind === 'event') (events ??= new Map()).set(i, e)
    else if (e.plain !== text) plainDiffers = true
    texts[i] = text
    times[i] = e.time
    textEnd[i] = textAt += text.length
    timeEnd[i] = timeAt += e.time.length
    ms[i] = e.ms
    stream[i] = STREAM_CODE[e.stream]
    source[i] = e.source
  }
  let plain: string | null = null
  let plainEnd: Uint32Array | null = null
  if (plainDiffers) {
    plainEnd = new Uint32Array(n)
    const plains: string[] = new Array<string>(n)
    let at = 0
    for (let i = 0; i < n; i++) {
      plains[i] = (lines[i] as LogEntry).plain
      plainEnd[i] = at += (plains[i] as string).length
    }
    plain = plains.join('')
  }
  // join() makes one flat string: the per-line strings it was made of can be collected.
  return { start, count: n, text: texts.join(''), textEnd, plain, plainEnd, time: times.join(''), timeEnd, ms, stream, source, events }
}

function lineOf(seg: Segment, i: number): LogEntry {
  const event = seg.events?.get(i)
  if (event) return event
  const from = i === 0 ? 0 : (seg.textEnd[i - 1] as number)
  const text = seg.text.slice(from, seg.textEnd[i])
  let plain = text
  if (seg.plain !== null && seg.plainEnd) plain = seg.plain.slice(i === 0 ? 0 : seg.plainEnd[i - 1], seg.plainEnd[i])
  const time = seg.time.slice(i === 0 ? 0 : seg.timeEnd[i - 1], seg.timeEnd[i])
  return { kind: 'line', time, ms: seg.ms[i] as number, stream: STREAM_NAME[seg.stream[i] as number] as 'stdout' | 'stderr', text, plain, source: seg.source[i] as number }
}

/**
 * A log view's bounded line buffer (see LineBuffer) that keeps its lines in packed segments.
 * The newest lines (fewer than one segment) stay as the objects they arrived as until a whole
 * segment is full; trimming drops whole segments (an oldest segment may be partly beyond the
 * first id until it goes).
 */
export class LogLineStore implements LineBuffer<LogEntry> {
  private segments: Segment[] = []
  private tail: LogEntry[] = []
  private first = 0
  private next = 0
  private readonly viewCache = new Map<number, LogEntry>()
  dropped = 0
  version = 0

  constructor(readonly cap: number = DEFAULT_LOG_CAP) {
    if (!Number.isInteger(cap) || cap < 1) throw new RangeError(`log buffer cap must be a positive integer, not ${cap}`)
  }

  get size(): number {
    return this.next - this.first
  }
  get firstId(): number {
    return this.first
  }
  get nextId(): number {
    return this.next
  }

  append(lines: readonly LogEntry[]): number {
    const start = this.next
    for (const line of lines) this.tail.push(line)
    this.next += lines.length
    while (this.tail.length >= SEGMENT) {
      const tailStart = this.next - this.tail.length
      this.segments.push(seal(this.tail.slice(0, SEGMENT), tailStart))
      this.tail = this.tail.slice(SEGMENT)
    }
    const over = this.size - this.cap
    if (over > 0) {
      this.dropTo(this.first + over)
      this.dropped += over
    }
    if (lines.length > 0) this.version++
    return start
  }

  prepend(lines: readonly LogEntry[]): number {
    const room = Math.max(0, this.cap - this.size)
    const take = Math.min(room, lines.length)
    if (take === 0) return 0
    const taken = lines.slice(lines.length - take)
    // Older lines go before everything, in segments of their own (newest segment nearest the rest).
    const added: Segment[] = []
    for (let end = taken.length; end > 0; end -= SEGMENT) {
      const from = Math.max(0, end - SEGMENT)
      added.unshift(seal(taken.slice(from, end), this.first - (taken.length - from)))
    }
    this.first -= take
    this.segments = [...added, ...this.segments]
    this.version++
    return take
  }

  clear(): void {
    this.segments = []
    this.tail = []
    this.viewCache.clear()
    this.first = this.next
    this.version++
  }

  at(index: number): LogEntry | undefined {
    if (index < 0 || index >= this.size) return undefined
    return this.byId(this.first + index)
  }

  byId(id: number): LogEntry | undefined {
    if (id < this.first || id >= this.next) return undefined
    const tailStart = this.next - this.tail.length
    if (id >= tailStart) return this.tail[id - tailStart]
    const cached = this.viewCache.get(id)
    if (cached) return cached
    const seg = this.segmentOf(id)
    return seg ? lineOf(seg, id - seg.start) : undefined
  }

  lineForView(id: number): LogEntry | undefined {
    const tailStart = this.next - this.tail.length
    if (id >= tailStart || this.viewCache.has(id)) return this.byId(id)
    const line = this.byId(id)
    if (!line) return undefined
    if (this.viewCache.size >= VIEW_CACHE) this.viewCache.clear()
    this.viewCache.set(id, line)
    return line
  }

  idAt(index: number): number {
    return this.first + index
  }

  indexOf(id: number): number {
    return id >= this.first && id < this.next ? id - this.first : -1
  }

  forEachId(fromId: number, toId: number, fn: (line: LogEntry, id: number) => void): void {
    let id = Math.max(fromId, this.first)
    const end = Math.min(toId, this.next)
    const tailStart = this.next - this.tail.length
    // Walks segments in order; lines are unpacked for the call and not cached (a search passes over all of them).
    for (const seg of this.segments) {
      if (id >= end || id >= tailStart) break
      const segEnd = Math.min(seg.start + seg.count, end)
      for (; id < segEnd; id++) if (id >= seg.start) fn(this.viewCache.get(id) ?? lineOf(seg, id - seg.start), id)
    }
    for (; id < end; id++) fn(this.tail[id - tailStart] as LogEntry, id)
  }

  streamOf(id: number): LogEntry['stream'] | undefined {
    if (id < this.first || id >= this.next) return undefined
    const tailStart = this.next - this.tail.length
    if (id >= tailStart) return this.tail[id - tailStart]?.stream
    const seg = this.segmentOf(id)
    return seg ? STREAM_NAME[seg.stream[id - seg.start] as number] : undefined
  }

  private segmentOf(id: number): Segment | undefined {
    const segs = this.segments
    let lo = 0
    let hi = segs.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const seg = segs[mid] as Segment
      if (id < seg.start) hi = mid - 1
      else if (id >= seg.start + seg.count) lo = mid + 1
      else return seg
    }
    return undefined
  }

  private dropTo(firstId: number): void {
    this.first = firstId
    let gone = 0
    while (gone < this.segments.length) {
      const seg = this.segments[gone] as Segment
      if (seg.start + seg.count > firstId) break
      gone++
    }
    if (gone > 0) this.segments = this.segments.slice(gone)
    const tailStart = this.next - this.tail.length
    if (firstId > tailStart) this.tail = this.tail.slice(firstId - tailStart)
    if (this.viewCache.size > 0) for (const id of this.viewCache.keys()) if (id < firstId) this.viewCache.delete(id)
  }
}
