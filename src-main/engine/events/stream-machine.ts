import type { EngineEvent } from '../../../src-shared/contract/events'
import type { Machine } from '../../streams/machine-runner'
import { toEngineEvent, type RawEvent } from './engine-event'
import { RecentEvents } from './recent'

/** How far before a subscription its engine stream starts (covers a remote engine's clock a little behind ours). */
export const SUBSCRIBE_REPLAY_MS = 1000
/** A resumed stream starts this long before the newest event seen: one published late is not missed. */
export const RESUME_OVERLAP_MS = 1000

/**
 * Where the engine's event stream is. Streams are numbered; an answer about a stream that is
 * no longer the one wanted (the connection dropped while it was being opened) closes it.
 */
export type EventStreamState =
  /** The connection is not up: no engine stream. */
  | { phase: 'waiting-for-engine' }
  /** `/events?since=…` was asked for; its answer has not come. */
  | { phase: 'opening'; stream: number }
  | { phase: 'streaming'; stream: number }
  /** The source was closed: nothing happens any more. */
  | { phase: 'closed' }

export type EventStreamInput =
  | { type: 'connection'; connected: boolean }
  /** The connection had no client to open with after all: wait for it to connect again. */
  | { type: 'no-client'; stream: number }
  | { type: 'opened'; stream: number }
  | { type: 'open-failed'; stream: number; error: unknown }
  | { type: 'received'; stream: number; raw: RawEvent }
  /** The stream ended or failed by itself (not because it was closed). */
  | { type: 'gone'; stream: number; error?: Error }
  /** The source is closed; its driver releases what it holds, so this has no effects. */
  | { type: 'close' }

export type EventStreamEffect =
  /** Ask the engine for its event stream from `since` (seconds with nine decimals, as a string: a double loses the nanoseconds). */
  | { type: 'open'; stream: number; since: string }
  /** The stream asked for is the one wanted: read it. */
  | { type: 'listen'; stream: number }
  | { type: 'close-stream'; stream: number }
  /** Tell the connection the engine went away. */
  | { type: 'lost'; error: unknown }
  /** An event not seen before, for the batches. */
  | { type: 'news'; event: EngineEvent }

export interface Clock {
  now(): number
}

/**
 * The engine's event stream, following the connection: opened when it is up, closed when it is
 * not, and after a reconnect resumed a second before the newest event seen. Whole events seen
 * lately are remembered so what a resumed stream replays is dropped: the engine publishes from
 * concurrent goroutines, so an event can arrive after a newer one (50 kills at once: about 1 in
 * 7), and a time high-water mark would drop it. `state` and `resumeNano` change only in `transition`.
 */
export class EventStreamMachine implements Machine<EventStreamInput, EventStreamEffect> {
  private current: EventStreamState = { phase: 'waiting-for-engine' }
  private readonly recent = new RecentEvents()
  /**
   * Where the next engine stream starts: a little before the subscription began, then before the
   * last event seen. A list read after subscribing then misses nothing, even an event the engine
   * sends before it has registered our stream (a replay only costs a row re-read).
   */
  private resumeNano: number
  private streams = 0

  constructor(clock: Clock) {
    this.resumeNano = clock.now() * 1e6 - SUBSCRIBE_REPLAY_MS * 1e6
  }

  get state(): EventStreamState {
    return this.current
  }

  transition(input: EventStreamInput): EventStreamEffect[] {
    const s = this.current
    if (s.phase === 'closed') return input.type === 'opened' ? [{ type: 'close-stream', stream: input.stream }] : []
    switch (input.type) {
      case 'connection':
        if (input.connected) {
          if (s.phase !== 'waiting-for-engine') return []
          const stream = ++this.streams
          this.current = { phase: 'opening', stream }
          return [{ type: 'open', stream, since: (this.resumeNano / 1e9).toFixed(9) }]
        }
        this.current = { phase: 'waiting-for-engine' }
        // A stream still being opened is closed when its answer comes (it is not the one wanted then).
        return s.phase === 'streaming' ? [{ type: 'close-stream', stream: s.stream }] : []
      case 'opened':
        if (s.phase !== 'opening' || s.stream !== input.stream) return [{ type: 'close-stream', stream: input.stream }]
        this.current = { phase: 'streaming', stream: input.stream }
        return [{ type: 'listen', stream: input.stream }]
      case 'no-client':
      case 'open-failed':
        if (s.phase !== 'opening' || s.stream !== input.stream) return []
        this.current = { phase: 'waiting-for-engine' }
        return input.type === 'open-failed' ? [{ type: 'lost', error: input.error }] : []
      case 'received': {
        if (s.phase !== 'streaming' || s.stream !== input.stream) return []
        const event = toEngineEvent(input.raw)
        // A resumed stream replays the events seen last: only what was not seen is news.
        if (!event || !this.recent.add(event)) return []
        this.resumeNano = this.recent.newestNano - RESUME_OVERLAP_MS * 1e6
        return [{ type: 'news', event }]
      }
      case 'gone':
        if (s.phase !== 'streaming' || s.stream !== input.stream) return []
        this.current = { phase: 'waiting-for-engine' }
        // The engine ending its event stream means the engine is gone: the connection reconnects.
        return [{ type: 'lost', error: streamGone(input.error) }]
      case 'close':
        this.current = { phase: 'closed' }
        return []
    }
  }
}

function streamGone(err: Error | undefined): Error {
  return Object.assign(err ?? new Error('the engine closed its event stream'), { code: (err as { code?: string } | undefined)?.code ?? 'ECONNRESET' })
}
