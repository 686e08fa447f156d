import type { IncomingMessage } from 'node:http'
import { BerthError, type BerthErrorShape } from '../../../src-shared/contract/errors'
import type { EngineEvent } from '../../../src-shared/contract/events'
import type { StatsSample } from '../../../src-shared/contract/stats'
import type { Disposer } from '../../streams/disposable'
import { trackStream } from '../../streams/gauge'
import type { EngineConnection } from '../connection'
import { isUnreachable } from '../errors'
import { NdjsonSplitter } from '../ndjson'
import { inspectStatsTarget, openStatsStream, readStatsOnce } from './engine-stats'
import { toSample } from './formulas'
import type { EngineStats } from './raw'

export type FeedState = 'running' | 'stopped' | 'removed'
/** What a container's shared feed tells its subscribers. */
export type FeedMessage = { kind: 'sample'; sample: StatsSample } | { kind: 'state'; state: FeedState }

export type WatchMode = 'stream' | 'poll'

export interface WatchDeps {
  conn: EngineConnection
  onContainerEvent(listener: (e: EngineEvent) => void): Disposer
  /** Every sample, before it goes out (the hub records history). */
  record(id: string, sample: StatsSample): void
  /** The watch's state changed: the hub reallocates streams. */
  changed(): void
  /** An engine stats stream was opened (counted for tests of stream churn). */
  opened(): void
}

/** How long after a stats stream ended early before it is opened again. */
const REOPEN_DELAY_MS = 1000

/**
 * One container's samples, from a held engine stream or from one-shot requests the hub's
 * rotation makes, whichever the hub assigns. Follows the container: `die` → stopped (the next
 * run starts without a previous sample, so no spike), `start` → running, `destroy` → removed
 * and the feed ends. Engine loss closes the stream; a reconnect looks again and resumes.
 */
export class ContainerWatch {
  state: FeedState | null = null
  private mode: WatchMode = 'poll'
  private previous: EngineStats | null = null
  private previousT = 0
  private stream: IncomingMessage | null = null
  private releaseGauge: (() => void) | null = null
  private reopenTimer: ReturnType<typeof setTimeout> | null = null
  private checking: Promise<void> | null = null
  private disposed = false
  private readonly offEvents: Disposer
  private readonly offStatus: Disposer

  constructor(
    readonly id: string,
    private readonly deps: WatchDeps,
    private readonly emit: (m: FeedMessage) => void,
    private readonly end: (error?: BerthErrorShape) => void,
  ) {
    this.offEvents = deps.onContainerEvent((e) => {
      if (e.type !== 'container' || e.id !== id) return
      if (e.action === 'start') this.setState('running')
      else if (e.action === 'die') this.setState('stopped')
      else if (e.action === 'destroy') this.setState('removed')
    })
    this.offStatus = deps.conn.onStatus((s) => {
      if (s.state === 'connected') void this.check()
      else this.closeStream()
    })
    void this.check()
  }

  get running(): boolean {
    return this.state === 'running'
  }

  /** Stream or poll, as the hub decides; a stream opens only while running and connected. */
  setMode(mode: WatchMode): void {
    this.mode = mode
    if (mode === 'stream' && this.running) void this.openStream()
    if (mode === 'poll') this.closeStream()
  }

  /** One one-shot sample (the hub's rotation calls this for containers without a stream). */
  async poll(): Promise<void> {
    if (this.disposed || !this.running || this.mode !== 'poll') return
    try {
      const raw = await this.deps.conn.run((d) => readStatsOnce(d, this.id))
      if (this.mode === 'poll' && this.running) this.take(raw)
    } catch (err) {
      // A container that stopped meanwhile answers 404/409; its die or destroy event follows.
      if (err instanceof BerthError && err.code === 'NOT_FOUND') void this.check()
    }
  }

  dispose(): void {
    this.disposed = true
    this.offEvents()
    this.offStatus()
    if (this.reopenTimer) clearTimeout(this.reopenTimer)
    this.closeStream()
  }

  private setState(state: FeedState): void {
    if (this.disposed || state === this.state) return
    this.state = state
    if (state !== 'running') {
      this.closeStream()
      // Counters restart with the next run; a sample across runs would be nonsense.
      this.previous = null
    }
    this.emit({ kind: 'state', state })
    if (state === 'removed') {
      this.end()
      return
    }
    this.deps.changed()
    if (state === 'running' && this.mode === 'stream') void this.openStream()
  }

  /** Asks the engine what the container is doing now (at start, after a reconnect, after a stream ended). */
  private check(): Promise<void> {
    this.checking ??= (async () => {
      try {
        if (this.deps.conn.getStatus().state !== 'connected') return
        const target = await this.deps.conn.run((d) => inspectStatsTarget(d, this.id), { kind: 'container', ref: this.id.slice(0, 12) })
        this.setState(target.running ? 'running' : 'stopped')
        if (target.running && this.mode === 'stream') void this.openStream()
      } catch (err) {
        if (this.disposed) return
        if (err instanceof BerthError && err.code === 'NOT_FOUND') this.setState('removed')
        else if (!isUnreachable(err)) this.end(err instanceof BerthError ? err.toJSON() : undefined)
        // Unreachable: the reconnect calls check() again.
      } finally {
        this.checking = null
      }
    })()
    return this.checking
  }

  private async openStream(): Promise<void> {
    if (this.stream || this.reopenTimer || this.disposed) return
    const placeholder = {} as IncomingMessage
    this.stream = placeholder
    let res: IncomingMessage
    try {
      res = await openStatsStream(this.deps.conn.client(), this.id)
    } catch (err) {
      if (this.stream === placeholder) this.stream = null
      if (isUnreachable(err)) this.deps.conn.lost(err)
      else if (!this.disposed) this.scheduleCheck()
      return
    }
    if (this.stream !== placeholder || this.disposed || this.mode !== 'stream' || !this.running) {
      if (this.stream === placeholder) this.stream = null
      res.destroy()
      return
    }
    this.stream = res
    this.releaseGauge = trackStream('stats')
    this.deps.opened()
    const splitter = new NdjsonSplitter<EngineStats>()
    res.on('data', (chunk: Buffer) => {
      if (this.stream === res) for (const raw of splitter.push(chunk)) this.take(raw)
    })
    const ended = (err?: Error) => {
      if (this.stream !== res) return
      this.closeStream()
      if (err && isUnreachable(err)) this.deps.conn.lost(err)
      // The engine ends the stream when the container stops; otherwise look again shortly.
      else this.scheduleCheck()
    }
    res.on('end', () => ended())
    res.on('close', () => ended())
    res.on('error', (err: Error) => ended(err))
  }

  private scheduleCheck(): void {
    if (this.disposed || this.reopenTimer) return
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = null
      void this.check()
    }, REOPEN_DELAY_MS)
    this.reopenTimer.unref?.()
  }

  private take(raw: EngineStats): void {
    const windows = this.deps.conn.getStatus().info?.osType === 'windows'
    const sample = toSample(raw, this.previous, windows)
    // The empty stats of a container that is not running carry no time; they are not samples.
    if (!sample) return
    if (this.previous && sample.t <= this.previousT) return
    this.previous = raw
    this.previousT = sample.t
    this.deps.record(this.id, sample)
    this.emit({ kind: 'sample', sample })
  }

  private closeStream(): void {
    const s = this.stream
    this.stream = null
    this.releaseGauge?.()
    this.releaseGauge = null
    if (s && typeof s.destroy === 'function') s.destroy()
  }
}
