import type { LineBuffer } from './line-buffer'

/** Default number of lines a log view keeps. Older ones leave the view, with a marker saying so. */
export const DEFAULT_LOG_CAP = 100_000
const CHUNK = 1024

/**
 * A bounded line buffer for log views, stored in fixed-size chunks.
 *
 * Every line gets an id when it enters: appended lines count up, prepended (older) lines count
 * down, so ids are contiguous and in display order. The index of an id is `id - firstId`, which
 * stays correct after trimming: a virtual list keyed by id and search results held by id survive
 * it. Appending is amortised O(1); trimming drops the oldest lines and frees whole chunks.
 */
export class LogBuffer<T> implements LineBuffer<T> {
  private readonly chunks = new Map<number, T[]>()
  private first = 0
  private next = 0
  /** Lines trimmed because the cap was reached (not those removed by clear()). */
  dropped = 0
  /** Changes on every append, prepend, trim or clear: cheap change detection for views. */
  version = 0

  constructor(readonly cap: number = DEFAULT_LOG_CAP) {
    if (!Number.isInteger(cap) || cap < 1) throw new RangeError(`log buffer cap must be a positive integer, not ${cap}`)
  }

  get size(): number {
    return this.next - this.first
  }
  /** Id of the oldest line held (equals nextId when empty). */
  get firstId(): number {
    return this.first
  }
  /** Id the next appended line will get. */
  get nextId(): number {
    return this.next
  }

  /** Appends a batch in order; trims the oldest lines beyond the cap. Returns the first new id. */
  append(lines: readonly T[]): number {
    const start = this.next
    for (const line of lines) this.put(this.next++, line)
    const over = this.size - this.cap
    if (over > 0) {
      this.dropTo(this.first + over)
      this.dropped += over
    }
    if (lines.length > 0) this.version++
    return start
  }

  /**
   * Puts older lines (in order, oldest first) before the first one, as far as the cap leaves
   * room; the newest of them are kept. Returns how many were taken.
   */
  prepend(lines: readonly T[]): number {
    const room = Math.max(0, this.cap - this.size)
    const take = Math.min(room, lines.length)
    for (let i = lines.length - 1; i >= lines.length - take; i--) this.put(--this.first, lines[i] as T)
    if (take > 0) this.version++
    return take
  }

  /** Removes every line; ids keep counting, so none is ever reused. */
  clear(): void {
    this.chunks.clear()
    this.first = this.next
    this.version++
  }

  /** The line at a display index (0 = oldest held). */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.size) return undefined
    return this.byId(this.first + index)
  }

  byId(id: number): T | undefined {
    if (id < this.first || id >= this.next) return undefined
    return this.chunks.get(Math.floor(id / CHUNK))?.[mod(id)]
  }

  lineForView(id: number): T | undefined {
    return this.byId(id)
  }

  idAt(index: number): number {
    return this.first + index
  }

  /** Display index of a line id, or -1 when it was trimmed or never existed. */
  indexOf(id: number): number {
    return id >= this.first && id < this.next ? id - this.first : -1
  }

  /** Calls fn for ids in [fromId, toId), clamped to what is held. */
  forEachId(fromId: number, toId: number, fn: (line: T, id: number) => void): void {
    const end = Math.min(toId, this.next)
    for (let id = Math.max(fromId, this.first); id < end; id++) fn(this.byId(id) as T, id)
  }

  private put(id: number, line: T): void {
    const key = Math.floor(id / CHUNK)
    let chunk = this.chunks.get(key)
    if (!chunk) {
      chunk = new Array<T>(CHUNK)
      this.chunks.set(key, chunk)
    }
    chunk[mod(id)] = line
  }

  private dropTo(firstId: number): void {
    const oldKey = Math.floor(this.first / CHUNK)
    const newKey = Math.floor(firstId / CHUNK)
    for (let k = oldKey; k < newKey; k++) this.chunks.delete(k)
    // Let the lines trimmed from the chunk that stays be collected too.
    const chunk = this.chunks.get(newKey)
    if (chunk) for (let id = Math.max(this.first, newKey * CHUNK); id < firstId; id++) chunk[mod(id)] = undefined as T
    this.first = firstId
  }
}

function mod(id: number): number {
  return ((id % CHUNK) + CHUNK) % CHUNK
}
