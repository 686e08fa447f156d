import { isRequestName, isTopicName, requests, topics } from '../../src-shared/contract'
import { BerthError, type BerthErrorShape } from '../../src-shared/contract/errors'
import { DisposableStore, type Disposer } from '../streams/disposable'
import type { StreamRegistry, StreamSource } from '../streams/registry'
import { inRequestScope } from '../streams/request-scope'
import type { ChannelTable } from './channel-table'
import { unsafePayloadReason } from './guard'
import { InFlight } from './in-flight'
import { MAX_SUBSCRIPTIONS_PER_SESSION } from './limits'

export type Outcome<T = unknown> = { ok: true; value: T } | { ok: false; error: BerthErrorShape }

/** One connected renderer (a window, or a browser tab's socket) and the streams it holds. */
export class ClientSession {
  readonly subscriptions = new Map<string, Disposer>()
  readonly disposables = new DisposableStore()
  /** Requests still waiting for their answer, cancellable by the page's request id. */
  readonly inFlight = new InFlight()
  private nextSub = 1

  newSubId(): string {
    return `s${this.nextSub++}`
  }
}

export interface StreamSink {
  message(sub: string, data: unknown): void
  end(sub: string, error?: BerthErrorShape): void
  /** A carrier that can tell its buffer is full (a WebSocket) lets fast streams wait. */
  congested?(): boolean
  whenClear?(resume: () => void): void
}

/** What the router routes to: every channel's handler or binding, and the registry that shares stream sources. */
export interface Routes {
  readonly channels: ChannelTable
  readonly streams: StreamRegistry
}

/** Where the router tells of failures nobody expected (a line without the payload). */
export type InternalLog = (line: string) => void

/**
 * The single entry point for both transports: checks the channel, validates the payload
 * with the contract's schema, and only then calls a service. Nothing thrown escapes: not
 * from a schema, a handler, a stream source or a carrier's sink.
 */
export class Router {
  private readonly handlers: Record<string, (p: unknown) => unknown>
  private readonly topics: Record<string, (p: unknown) => { key: string; source: () => StreamSource<unknown> }>

  private readonly streams: StreamRegistry

  constructor(
    routes: Routes,
    private readonly log: InternalLog = (line) => console.error(line),
  ) {
    this.handlers = routes.channels.requests as unknown as Record<string, (p: unknown) => unknown>
    this.topics = routes.channels.topics as unknown as typeof this.topics
    this.streams = routes.streams
  }

  /**
   * Answers one request. `signal` is the carrier's cancel for it: once aborted the answer is
   * CANCELLED at once, and the engine calls made for it are aborted (engine/dial-deadline.ts).
   */
  async invoke(channel: unknown, rawParams: unknown, signal?: AbortSignal): Promise<Outcome> {
    try {
      if (!isRequestName(channel)) return failure(invalid(`unknown channel ${describe(channel)}`))
      const parsed = validate(requests[channel].params, rawParams)
      if (!parsed.ok) return parsed
      const handler = this.handlers[channel]!
      const value = await inRequestScope(signal, () => handler(parsed.value))
      return { ok: true, value: value ?? null }
    } catch (err) {
      return this.failed(isRequestName(channel) ? channel : 'an unknown channel', err)
    }
  }

  /** A request the page can cancel by `id` (a carrier's `cancel`) until it has its answer. */
  async invokeFor(session: ClientSession, id: unknown, channel: unknown, rawParams: unknown): Promise<Outcome> {
    const request = session.inFlight.start(id)
    try {
      return await this.invoke(channel, rawParams, request.signal)
    } finally {
      request.finish()
    }
  }

  subscribe(session: ClientSession, topic: unknown, rawParams: unknown, sink: StreamSink): Outcome<string> {
    try {
      if (!isTopicName(topic)) return failure(invalid(`unknown topic ${describe(topic)}`))
      const parsed = validate(topics[topic].params, rawParams)
      if (!parsed.ok) return parsed
      if (session.subscriptions.size >= MAX_SUBSCRIPTIONS_PER_SESSION) return failure(tooManySubscriptions())
      return { ok: true, value: this.open(session, topic, parsed.value, sink) }
    } catch (err) {
      return this.failed(isTopicName(topic) ? topic : 'an unknown topic', err)
    }
  }

  unsubscribe(session: ClientSession, sub: unknown): void {
    if (typeof sub !== 'string') return
    const dispose = session.subscriptions.get(sub)
    session.subscriptions.delete(sub)
    this.guarded('unsubscribe', () => dispose?.())
  }

  /** A window closed or a socket dropped: release everything it held. */
  closeSession(session: ClientSession): void {
    this.guarded('closing a session', () => session.inFlight.cancelAll())
    for (const dispose of session.subscriptions.values()) this.guarded('closing a session', dispose)
    session.subscriptions.clear()
    this.guarded('closing a session', () => session.disposables.dispose())
  }

  private open(session: ClientSession, topic: string, params: unknown, sink: StreamSink): string {
    const binding = this.topics[topic]!(params)
    const sub = session.newSubId()
    // The client learns `sub` from this call's answer. What the stream sends before that
    // answer is out (its current state, first) waits one turn, or the client would drop
    // it as belonging to no subscription it knows. A sink that throws (a message that cannot
    // be sent) is told of, not thrown into the source or out of the timer.
    let held: (() => void)[] | null = []
    const deliver = (send: () => void) => (held ? held.push(send) : this.guarded(topic, send))
    let ended = false
    const dispose = this.streams.subscribe(binding.key, binding.source, {
      onMessage: (m) => deliver(() => sink.message(sub, m)),
      onEnd: (error) => {
        ended = true
        session.subscriptions.delete(sub)
        deliver(() => sink.end(sub, error))
      },
      ...(sink.congested && sink.whenClear ? { congested: () => sink.congested!(), whenClear: (resume: () => void) => sink.whenClear!(resume) } : {}),
    })
    if (!ended) session.subscriptions.set(sub, dispose)
    setImmediate(() => {
      const queued = held ?? []
      held = null
      for (const send of queued) this.guarded(topic, send)
    })
    return sub
  }

  /** A BerthError is an answer; anything else is a fault inside Berth: INTERNAL, and logged. */
  private failed(where: string, err: unknown): { ok: false; error: BerthErrorShape } {
    try {
      if (err instanceof BerthError) return failure(err)
    } catch {
      // A thrown Proxy can throw again when asked what it is: still an INTERNAL fault.
    }
    this.logFault(where, err)
    return failure(new BerthError('INTERNAL', `Something went wrong inside Berth: ${messageOf(err)}`))
  }

  private guarded(where: string, run: () => void): void {
    try {
      run()
    } catch (err) {
      this.logFault(where, err)
    }
  }

  // The channel and where the code failed, never the message: it can quote the payload
  // (container env, credentials), and the payload itself is never logged.
  private logFault(where: string, err: unknown): void {
    let name: string = typeof err
    let frames: string[] = []
    try {
      if (err instanceof Error) {
        name = err.name
        frames = (err.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l))
      }
    } catch {
      name = 'unreadable error'
    }
    try {
      this.log([`berth: unexpected ${name} in ${where}`, ...frames.slice(0, 8)].join('\n'))
    } catch {
      // Nowhere left to tell it; the caller still gets its INTERNAL answer.
    }
  }
}

function validate(schema: { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, raw: unknown): Outcome {
  const unsafe = unsafePayloadReason(raw)
  if (unsafe) return failure(invalid(unsafe))
  const result = schema.safeParse(raw)
  if (!result.success) {
    const issues = result.error?.issues ?? []
    const text = issues.map((i) => `${i.path.map(String).join('.') || 'params'}: ${i.message}`).join('; ')
    return failure(invalid(text || 'invalid parameters'))
  }
  return { ok: true, value: result.data }
}

function invalid(message: string): BerthError {
  return new BerthError('INVALID_INPUT', `Berth refused a malformed request (${message}).`, { reason: 'invalid_input' })
}

function tooManySubscriptions(): BerthError {
  const limit = MAX_SUBSCRIPTIONS_PER_SESSION
  return new BerthError('RATE_LIMITED', `This window already holds ${limit} live streams, the most Berth allows. Close some views, then try again.`, { reason: 'too_many_subscriptions', limit })
}

function describe(v: unknown): string {
  return typeof v === 'string' ? `"${v.slice(0, 60)}"` : typeof v
}

/** What went wrong, in words; a thrown value that cannot even be turned into text says so. */
function messageOf(err: unknown): string {
  try {
    return err instanceof Error ? err.message : String(err)
  } catch {
    return 'an error that cannot be shown'
  }
}

function failure(error: BerthError): { ok: false; error: BerthErrorShape } {
  return { ok: false, error: error.toJSON() }
}
