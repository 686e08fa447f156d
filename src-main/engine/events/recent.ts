import type { EngineEvent } from '../../../src-shared/contract/events'

/** How long seen events are remembered (longer than a resumed stream's overlap, so every replay is recognised). */
export const RECENT_WINDOW_MS = 5000

/** The events seen in the last few seconds of engine time, to tell a replay from news. */
export class RecentEvents {
  private readonly seen = new Map<string, number>()
  private pruneAt = 1024
  newestNano = 0

  /** Remembers the event; false when it was seen already. */
  add(event: EngineEvent): boolean {
    // Distinct events can share a timestamp (a double holds timeNano to about 256 ns), so the key is the whole event.
    const key = `${event.timeNano} ${event.type} ${event.action} ${event.id}`
    if (this.seen.has(key)) return false
    this.seen.set(key, event.timeNano)
    if (event.timeNano > this.newestNano) this.newestNano = event.timeNano
    if (this.seen.size > this.pruneAt) this.forgetOld()
    return true
  }

  get size(): number {
    return this.seen.size
  }

  private forgetOld(): void {
    const horizon = this.newestNano - RECENT_WINDOW_MS * 1e6
    for (const [key, nano] of this.seen) if (nano < horizon) this.seen.delete(key)
    // A burst inside the window keeps its events: prune again only once it has doubled.
    this.pruneAt = Math.max(1024, this.seen.size * 2)
  }
}
