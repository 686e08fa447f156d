import type { StatsSample } from '../../../src-shared/contract/stats'
import { Ring } from './ring'

/** 15 minutes at one sample a second: the longest window the Stats tab shows. */
const HISTORY_SAMPLES = 900
/** How long a container's history outlives its last watcher (reopening the tab shows it again). */
const HISTORY_KEEP_MS = 10 * 60_000
/** At most this many unwatched histories are kept; the longest-unwatched goes first. */
const HISTORY_KEEP_MAX = 30

interface Entry {
  ring: Ring<StatsSample>
  watchers: number
  /** When the last watcher left (epoch ms); null while watched. */
  leftAt: number | null
}

/**
 * Sample histories per container. Watched ones are always kept; unwatched ones expire after
 * HISTORY_KEEP_MS and are capped at HISTORY_KEEP_MAX, so memory stays bounded (a history is
 * ~900 small objects, about 100 KB).
 */
export class HistoryStore {
  private readonly entries = new Map<string, Entry>()

  constructor(
    private readonly now: () => number = Date.now,
    private readonly keepMs = HISTORY_KEEP_MS,
    private readonly keepMax = HISTORY_KEEP_MAX,
    private readonly capacity = HISTORY_SAMPLES,
  ) {}

  /** Someone records or shows this container's history; returns the release. */
  watch(id: string): () => void {
    this.prune()
    let e = this.entries.get(id)
    if (!e) {
      e = { ring: new Ring(this.capacity), watchers: 0, leftAt: null }
      this.entries.set(id, e)
    }
    e.watchers++
    e.leftAt = null
    const entry = e
    let released = false
    return () => {
      if (released) return
      released = true
      entry.watchers--
      if (entry.watchers === 0) entry.leftAt = this.now()
      this.prune()
    }
  }

  add(id: string, sample: StatsSample): void {
    const e = this.entries.get(id)
    if (!e || e.watchers === 0) return
    // A sample older than the last (a reopened stream repeating itself) would break the time axis.
    const last = e.ring.last()
    if (last && sample.t <= last.t) return
    e.ring.push(sample)
  }

  samples(id: string): StatsSample[] {
    this.prune()
    return this.entries.get(id)?.ring.toArray() ?? []
  }

  /** Containers with a history right now (for tests and leak checks). */
  ids(): string[] {
    return [...this.entries.keys()]
  }

  forget(id: string): void {
    const e = this.entries.get(id)
    if (e && e.watchers === 0) this.entries.delete(id)
    else e?.ring.clear()
  }

  prune(): void {
    const now = this.now()
    const idle: [string, number][] = []
    for (const [id, e] of this.entries) {
      if (e.leftAt === null) continue
      if (now - e.leftAt >= this.keepMs) this.entries.delete(id)
      else idle.push([id, e.leftAt])
    }
    if (idle.length <= this.keepMax) return
    idle.sort((a, b) => a[1] - b[1])
    for (const [id] of idle.slice(0, idle.length - this.keepMax)) this.entries.delete(id)
  }
}
