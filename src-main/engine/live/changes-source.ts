import type { ConnectionStatus } from '../../../src-shared/contract/engine'
import type { EventBatch } from '../../../src-shared/contract/events'
import type { RowPatch } from '../../../src-shared/contract/live-list'
import type { Disposer } from '../../streams/disposable'
import type { StreamSource } from '../../streams/registry'
import { diffRows, latestByKey, sameJson } from './row-diff'

/** How long relevant engine news gathers before a list is read again: the events source's window, so a burst is one message. */
export const LIVE_BATCH_MS = 30
/** Slack on the engine's clock as Berth estimates it (engineNow), when telling news older than a reading. */
const CLOCK_SLACK_MS = 1000

/** What every live list follows, as plain functions (engine/ knows nothing of how they are wired). */
export interface LiveFeed {
  /** Each batch of the one shared engine events stream (`events:stream`), while subscribed. */
  onEngineEvents(listener: (batch: EventBatch) => void): Disposer
  status(): ConnectionStatus
  /** The engine's clock now, in ms (event times are on it). */
  engineNow(): number
  onStatus(listener: (status: ConnectionStatus) => void): Disposer
}

/** One resource's part of its live list: its key, its full reading, which news matters, and how news becomes patches. */
export interface LiveDomain<Row> {
  keyOf(row: Row): string
  /** Every row now: the first reading, the one after each relevant burst (unless `patchesOf`), and the one after a reconnect. */
  list(): Promise<Row[]>
  /** Whether a batch of engine news can change a row of this list. */
  touches(batch: EventBatch): boolean
  /** The patches a burst carries already (containers: rows the events source re-read); without it, a burst re-lists and diffs. */
  patchesOf?(batches: readonly EventBatch[]): RowPatch<Row>[]
  /** Whether two readings of a row are the same news (default: equal as JSON). */
  same?(a: Row, b: Row): boolean
  /** How long a burst gathers; default LIVE_BATCH_MS. */
  batchMs?: number
}

/**
 * A `*:changes` topic's source, the same for every resource. It follows the shared engine
 * events stream, keeps what matters to its domain, gathers a burst, and reads again: a
 * domain with `patchesOf` passes those rows on; the others re-list and send only the rows
 * that differ from the last reading. After a reconnect or an engine switch it re-lists and
 * diffs, so no row stays stale. One reading at a time; news during a reading makes the next.
 *
 * Subscribers list for themselves after subscribing (and after a reconnect), at about the time
 * this source reads its baseline: a change between the two readings may be in the source's and
 * not in a subscriber's, and a diff would then never send it. So news from before such a reading
 * (by engine time) makes the next reading send every row.
 */
export function liveChangesSource<Row>(feed: LiveFeed, domain: LiveDomain<Row>): StreamSource<RowPatch<Row>[]> {
  const same = domain.same ?? sameJson
  const windowMs = domain.batchMs ?? LIVE_BATCH_MS
  return {
    open(emit) {
      let closed = false
      // The last reading; null while none succeeded.
      let known: Map<string, Row> | null = null
      let baselineDue = true
      // Engine time of the last reading subscribers make one of their own beside; null while one is due.
      let listedAt: number | null = null
      let wholeDue = false
      let news: EventBatch[] = []
      let relistDue = true
      let reading = false
      let timer: ReturnType<typeof setTimeout> | null = null
      let lastStatus = feed.status()

      const schedule = (delayMs: number) => {
        if (closed || reading || timer) return
        timer = setTimeout(() => {
          timer = null
          void drain()
        }, delayMs)
      }

      /** Reads every row; `beside` when subscribers list at the same time (the first reading, after a reconnect). */
      const relist = async (beside: boolean): Promise<RowPatch<Row>[]> => {
        // The first reading only sets the baseline: each subscriber lists for itself after subscribing.
        const silent = baselineDue
        baselineDue = false
        const whole = wholeDue
        wholeDue = false
        let rows: Row[]
        try {
          rows = await domain.list()
        } catch {
          // The engine went away or refused: the reading after the reconnect brings the truth.
          wholeDue ||= whole
          return []
        }
        const next = new Map(rows.map((r) => [domain.keyOf(r), r]))
        const before = known
        known = next
        if (beside) listedAt = feed.engineNow()
        if (silent) return []
        // Without an earlier reading (or when a subscriber's may lack a change) every row is sent, and what went.
        return !before || whole ? diffRows(before ?? new Map(), next, () => false) : diffRows(before, next, same)
      }

      const passOn = (batches: readonly EventBatch[], patchesOf: NonNullable<LiveDomain<Row>['patchesOf']>): RowPatch<Row>[] => {
        const patches = latestByKey(patchesOf(batches))
        if (known) {
          for (const p of patches) {
            if (p.row) known.set(p.key, p.row)
            else known.delete(p.key)
          }
        }
        return patches
      }

      const drain = async () => {
        reading = true
        try {
          while (!closed && (relistDue || news.length > 0)) {
            const batches = news
            news = []
            // A full reading supersedes the news gathered before it started.
            const beside = relistDue
            const full = relistDue || !domain.patchesOf
            relistDue = false
            const patches = full ? await relist(beside) : passOn(batches, domain.patchesOf!)
            if (!closed && patches.length > 0) emit(patches)
          }
        } finally {
          reading = false
        }
      }

      // News first, then the baseline: a change while the first list is read is not missed.
      const offEvents = feed.onEngineEvents((batch) => {
        if (!domain.touches(batch)) return
        if (!domain.patchesOf && (listedAt === null || batch.events.some((e) => e.timeNano / 1e6 <= listedAt! + CLOCK_SLACK_MS))) wholeDue = true
        news.push(batch)
        schedule(windowMs)
      })
      const offStatus = feed.onStatus((next) => {
        const previous = lastStatus
        lastStatus = next
        if (next.state !== 'connected') return
        if (previous.state === 'connected' && previous.endpoint?.id === next.endpoint?.id) return
        relistDue = true
        listedAt = null
        schedule(0)
      })
      schedule(0)

      return () => {
        closed = true
        offEvents()
        offStatus()
        if (timer) clearTimeout(timer)
      }
    },
  }
}
