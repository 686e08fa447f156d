/**
 * What a log view reads lines from: a bounded buffer with stable, contiguous ids. Appended lines
 * count up, prepended (older) ones count down; the index of an id is `id - firstId`.
 */
export interface LineBuffer<T> {
  readonly cap: number
  readonly size: number
  /** Id of the oldest line held (equals nextId when empty). */
  readonly firstId: number
  /** Id the next appended line will get. */
  readonly nextId: number
  /** Lines trimmed because the cap was reached (not those removed by clear()). */
  dropped: number
  /** Changes on every append, prepend, trim or clear. */
  readonly version: number
  /** Appends a batch in order; trims the oldest lines beyond the cap. Returns the first new id. */
  append(lines: readonly T[]): number
  /** Puts older lines (oldest first) before the first one, as far as the cap leaves room. Returns how many were taken. */
  prepend(lines: readonly T[]): number
  /** Removes every line; ids keep counting, so none is ever reused. */
  clear(): void
  at(index: number): T | undefined
  byId(id: number): T | undefined
  idAt(index: number): number
  /** Display index of a line id, or -1 when it was trimmed or never existed. */
  indexOf(id: number): number
  /** The line as a row on screen shows it: the same object while it stays on screen. */
  lineForView(id: number): T | undefined
  /** Calls fn for ids in [fromId, toId), clamped to what is held. */
  forEachId(fromId: number, toId: number, fn: (line: T, id: number) => void): void
  /** A line's stream without unpacking the line, where the buffer can (the stream filter reads every line). */
  streamOf?(id: number): string | undefined
}
