/** Lines wait at most this long before they are sent: one message per frame or two, not per line. */
export const BATCH_MS = 25
/** A batch is sent at once when it reaches this many lines. */
export const BATCH_LINES = 2000

/**
 * Gathers items and hands them on in batches: when `maxItems` are waiting, or `maxDelayMs`
 * after the first one arrived. The timer runs only while something waits.
 */
export class Batcher<T> {
  private pending: T[] = []
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly send: (items: T[]) => void,
    private readonly maxItems = BATCH_LINES,
    private readonly maxDelayMs = BATCH_MS,
  ) {}

  /** Adds items; returns true when a full batch was sent (a good moment to let the consumer catch up). */
  push(items: T[]): boolean {
    if (items.length === 0) return false
    for (const item of items) this.pending.push(item)
    let full = false
    while (this.pending.length >= this.maxItems) {
      full = true
      this.send(this.pending.splice(0, this.maxItems))
    }
    if (this.pending.length === 0) this.clearTimer()
    else
      this.timer ??= setTimeout(() => {
        this.timer = null
        this.flush()
      }, this.maxDelayMs)
    return full
  }

  /** Sends whatever waits now (before a message that must come after these items). */
  flush(): void {
    this.clearTimer()
    if (this.pending.length === 0) return
    const items = this.pending
    this.pending = []
    this.send(items)
  }

  get size(): number {
    return this.pending.length
  }

  /** Drops what waits and stops the timer. */
  dispose(): void {
    this.clearTimer()
    this.pending = []
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
