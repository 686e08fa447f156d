import type { EngineEvent } from '../../../src-shared/contract/events'
import { STATS_WATCH_MAX } from '../../../src-shared/contract/stats'
import type { Disposer } from '../../streams/disposable'
import type { StreamRegistry, StreamSource, Subscriber } from '../../streams/registry'
import type { EngineConnection } from '../connection'
import { allocateStreams } from './allocate'
import { HistoryStore } from './history'
import { Rotation } from './rotation'
import { ContainerWatch, type FeedMessage } from './watch'

export interface StatsHubDeps {
  conn: EngineConnection
  streams: StreamRegistry
  onContainerEvent(listener: (e: EngineEvent) => void): Disposer
  now?: () => number
  /** Overrides for tests. */
  maxStreams?: number
  lingerMs?: number
}

/** How long a released feed stays open: a list scrolled by a row re-subscribes without reopening streams. */
export const FEED_LINGER_MS = 3000
/** One-shot requests in flight at once for containers beyond the stream cap. */
const POLL_CONCURRENCY = 4
/** A polled container is sampled at most this often. */
const POLL_INTERVAL_MS = 1000

/** The registry key of one container's shared feed. */
const feedKey = (id: string) => `stats:container:${id}`

/**
 * The one owner of per-container stats. Every view (a Stats tab, the list's rows, the overview)
 * subscribes to a container's feed through the stream registry, so a container has one engine
 * stream however many views watch it. At most `maxStreams` streams are open; the other running
 * containers are sampled in rotation with one-shot requests.
 */
export class StatsHub {
  readonly history: HistoryStore
  private readonly watches = new Map<string, ContainerWatch>()
  /** Feed subscriptions per container that want a stream (and keep a history). */
  private readonly wanting = new Map<string, number>()
  private streaming = new Set<string>()
  private readonly rotation: Rotation
  private readonly max: number
  private readonly lingerMs: number
  private readonly lingering = new Map<ReturnType<typeof setTimeout>, () => void>()
  private opened = 0

  constructor(private readonly deps: StatsHubDeps) {
    this.history = new HistoryStore(deps.now)
    this.max = deps.maxStreams ?? STATS_WATCH_MAX
    this.lingerMs = deps.lingerMs ?? FEED_LINGER_MS
    this.rotation = new Rotation((id) => this.watches.get(id)?.poll() ?? Promise.resolve(), POLL_CONCURRENCY, POLL_INTERVAL_MS, deps.now)
  }

  /**
   * Subscribes to a container's feed (`id` must be a full id). A view that shows the container
   * every second passes `wantsStream`; its samples then also go into the history. The returned
   * release takes effect after a short linger.
   */
  feed(id: string, wantsStream: boolean, subscriber: Subscriber<FeedMessage>): Disposer {
    const releaseHistory = wantsStream ? this.history.watch(id) : null
    if (wantsStream) this.wanting.set(id, (this.wanting.get(id) ?? 0) + 1)
    let off: Disposer
    try {
      off = this.deps.streams.subscribe(feedKey(id), () => this.source(id), subscriber)
    } catch (err) {
      this.unwant(id, wantsStream, releaseHistory)
      throw err
    }
    this.rebalance()
    let released = false
    return () => {
      if (released) return
      released = true
      const release = () => {
        this.lingering.delete(timer)
        off()
        this.unwant(id, wantsStream, releaseHistory)
        this.rebalance()
      }
      const timer = setTimeout(release, this.lingerMs)
      this.lingering.set(timer, release)
    }
  }

  /** Stream slots handed out, containers sampled in rotation, feeds open, and engine streams opened so far (for tests). */
  counts(): { streams: number; polled: number; watched: number; opened: number } {
    return { streams: this.streaming.size, polled: this.rotation.size(), watched: this.watches.size, opened: this.opened }
  }

  /** Releases lingering feeds at once (main is shutting down). */
  dispose(): void {
    for (const [timer, release] of [...this.lingering]) {
      clearTimeout(timer)
      release()
    }
    this.rotation.dispose()
  }

  private unwant(id: string, wantsStream: boolean, releaseHistory: (() => void) | null): void {
    releaseHistory?.()
    if (!wantsStream) return
    const n = (this.wanting.get(id) ?? 1) - 1
    if (n > 0) this.wanting.set(id, n)
    else this.wanting.delete(id)
  }

  private source(id: string): StreamSource<FeedMessage> {
    let watch: ContainerWatch | null = null
    return {
      initial: () => (watch?.state ? { kind: 'state', state: watch.state } : undefined),
      open: (emit, end) => {
        const w = new ContainerWatch(
          id,
          {
            conn: this.deps.conn,
            onContainerEvent: this.deps.onContainerEvent,
            record: (cid, sample) => this.history.add(cid, sample),
            changed: () => this.rebalance(),
            opened: () => this.opened++,
          },
          (m) => {
            // A removed container's history is of no use to anyone.
            if (m.kind === 'state' && m.state === 'removed') this.history.forget(id)
            emit(m)
          },
          end,
        )
        watch = w
        this.watches.set(id, w)
        return () => {
          w.dispose()
          if (this.watches.get(id) === w) this.watches.delete(id)
          this.rebalance()
        }
      },
    }
  }

  /** Hands out stream slots (see allocateStreams) and puts the other running containers in the rotation. */
  private rebalance(): void {
    const running = [...this.watches.values()].filter((w) => w.running)
    const next = allocateStreams(
      running.map((w) => ({ id: w.id, wantsStream: this.wanting.has(w.id) })),
      this.streaming,
      this.max,
    )
    this.streaming = next
    const polled: string[] = []
    for (const w of this.watches.values()) {
      if (next.has(w.id)) w.setMode('stream')
      else {
        w.setMode('poll')
        if (w.running) polled.push(w.id)
      }
    }
    this.rotation.set(polled)
  }
}
