/**
 * Runs `fn` after `poke()`, at most once per `intervalMs`: the first poke after a quiet spell runs
 * at once, pokes in between gather into one run at the end of the interval.
 */
export class Throttle {
  private last = -Infinity
  private timer: ReturnType<typeof setTimeout> | null = null
  private disposed = false

  constructor(
    private readonly fn: () => void,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  poke(): void {
    if (this.disposed || this.timer) return
    const wait = this.last + this.intervalMs - this.now()
    if (wait <= 0) this.run()
    else this.timer = setTimeout(() => this.run(), wait)
  }

  dispose(): void {
    this.disposed = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private run(): void {
    this.timer = null
    if (this.disposed) return
    this.last = this.now()
    this.fn()
  }
}
