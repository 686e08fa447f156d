/** Lines wait at most this long before they are sent: one message per frame or two, not per line. */
export const BATCH_MS = 25
/** A batch is sent at once when it reaches this many lines… */
export const BATCH_LINES = 2000
/** …or this much text (long lines): one message stays a size a socket and a renderer take in stride. */
const BATCH_WEIGHT = 512 * 1024

/**
 * Gathers items and hands them on in batches: when `maxItems` are waiting, or `maxDelayMs`
 * after the first one arrived. The timer runs only while something waits.
 */
export class Batcher<T> {
  private pending: T[] = []
  private weight = 0
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly send: (items: T[]) => void,
    private readonly maxItems = BATCH_LINES,
    private readonly maxDelayMs = BATCH_MS,
    /** An item's share of `maxWeight` (e.g. its text length); without it only the count counts. */
    private readonly weigh: ((item: T) => number) | null = null,
    private readonly maxWeight = BATCH_WEIGHT,
  ) {}

  /** Adds items; returns true when a full batch was sent (a good moment to let the consumer catch up). */
  push(items: T[]): boolean {
    if (items.length === 0) return false
    let full = false
    for (const item of items) {
      this.pending.push(item)
      if (this.weigh) this.weight += this.weigh(item)
      if (this.pending.length >= this.maxItems || this.weight >= this.maxWeight) {
        full = true
        this.sendPending()
      }
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
    if (this.pending.length > 0) this.sendPending()
  }

  get size(): number {
    return this.pending.length
  }

  /** Drops what waits and stops the timer. */
  dispose(): void {
    this.clearTimer()
    this.pending = []
    this.weight = 0
  }

  private sendPending(): void {
    const items = this.pending
    this.pending = []
    this.weight = 0
    this.send(items)
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
