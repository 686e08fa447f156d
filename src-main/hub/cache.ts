// A small time-limited cache for Hub answers, so going back and forth between search and a
// repository does not ask the Hub again (its anonymous rate limit is low). Errors are not kept.

export class TtlCache<V> {
  private readonly entries = new Map<string, { expires: number; value: V }>()

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const hit = this.entries.get(key)
    if (!hit) return undefined
    if (hit.expires <= this.now()) {
      this.entries.delete(key)
      return undefined
    }
    return hit.value
  }

  set(key: string, value: V): void {
    this.entries.delete(key)
    this.entries.set(key, { expires: this.now() + this.ttlMs, value })
    // Maps iterate in insertion order: the first key is the oldest.
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string)
  }

  clear(): void {
    this.entries.clear()
  }
}
