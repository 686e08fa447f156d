/**
 * Flow control for a carrier without backpressure of its own (Electron's webContents.send
 * queues without limit): the renderer acknowledges each message once its handler has run, and
 * while more than `limit` messages wait unacknowledged the carrier reports congestion, so a
 * fast stream (a log flood) stops reading the engine instead of filling the renderer's queue.
 */
export class AckWindow {
  private unacked = 0
  private waiting: (() => void)[] = []

  constructor(private readonly limit = ACK_WINDOW_MESSAGES) {}

  sent(): void {
    this.unacked++
  }

  acked(): void {
    if (this.unacked > 0) this.unacked--
    // Resume at half the window, so a stream does not stop and start on every message.
    if (this.unacked <= this.limit / 2 && this.waiting.length) {
      const resume = this.waiting
      this.waiting = []
      for (const r of resume) r()
    }
  }

  congested(): boolean {
    return this.unacked > this.limit
  }

  whenClear(resume: () => void): void {
    if (this.congested()) this.waiting.push(resume)
    else resume()
  }

  /** The renderer went away (reload, crash): nothing it had will be acknowledged. */
  reset(): void {
    this.unacked = 0
    this.waiting = []
  }
}

/** Log batches are at most 2000 lines or 512 KiB: 16 of them is the most a renderer has waiting. */
export const ACK_WINDOW_MESSAGES = 16
