/**
 * Samples a changing set of containers with at most `concurrency` requests in flight, the one
 * sampled longest ago first, and each at most once per `intervalMs`. Used for containers beyond
 * the stream cap: a one-shot request costs the engine far less than a held stream.
 */
export class Rotation {
  private readonly members = new Set<string>()
  /** Rotation order: the front was sampled longest ago (or never). */
  private queue: string[] = []
  private readonly lastStart = new Map<string, number>()
  private readonly busy = new Set<string>()
  private timer: ReturnType<typeof setTimeout> | null = null
  private disposed = false

  constructor(
    private readonly sample: (id: string) => Promise<void>,
    private readonly concurrency: number,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Replaces the set; ids already in it keep their place in the rotation. */
  set(ids: Iterable<string>): void {
    const next = new Set(ids)
    for (const id of this.members) if (!next.has(id)) this.lastStart.delete(id)
    this.members.clear()
    for (const id of next) this.members.add(id)
    this.queue = this.queue.filter((id) => next.has(id))
    const queued = new Set(this.queue)
    for (const id of next) if (!queued.has(id) && !this.busy.has(id)) this.queue.push(id)
    this.pump()
  }

  size(): number {
    return this.members.size
  }

  dispose(): void {
    this.disposed = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.members.clear()
    this.queue = []
  }

  private pump(): void {
    if (this.disposed) return
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    while (this.busy.size < this.concurrency && this.queue.length > 0) {
      const id = this.queue[0]!
      const wait = (this.lastStart.get(id) ?? -Infinity) + this.intervalMs - this.now()
      if (wait > 0) {
        this.timer = setTimeout(() => this.pump(), wait)
        this.timer.unref?.()
        return
      }
      this.queue.shift()
      this.busy.add(id)
      this.lastStart.set(id, this.now())
      const done = () => {
        this.busy.delete(id)
        if (this.disposed) return
        if (this.members.has(id)) this.queue.push(id)
        this.pump()
      }
      this.sample(id).then(done, done)
    }
  }
}
