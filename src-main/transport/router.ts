import { isRequestName, isTopicName, requests, topics } from '../../src-shared/contract'
import { BerthError, type BerthErrorShape } from '../../src-shared/contract/errors'
import { DisposableStore, type Disposer } from '../streams/disposable'
import type { StreamRegistry, StreamSource } from '../streams/registry'
import type { ChannelTable } from './channel-table'
import { unsafePayloadReason } from './guard'

export type Outcome<T = unknown> = { ok: true; value: T } | { ok: false; error: BerthErrorShape }

/** One connected renderer (a window, or a browser tab's socket) and the streams it holds. */
export class ClientSession {
  readonly subscriptions = new Map<string, Disposer>()
  readonly disposables = new DisposableStore()
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

/**
 * The single entry point for both transports: checks the channel, validates the payload
 * with the contract's schema, and only then calls a service. Nothing thrown escapes.
 */
export class Router {
  private readonly handlers: Record<string, (p: unknown) => unknown>
  private readonly topics: Record<string, (p: unknown) => { key: string; source: () => StreamSource<unknown> }>

  private readonly streams: StreamRegistry

  constructor(routes: Routes) {
    this.handlers = routes.channels.requests as unknown as Record<string, (p: unknown) => unknown>
    this.topics = routes.channels.topics as unknown as typeof this.topics
    this.streams = routes.streams
  }

  async invoke(channel: unknown, rawParams: unknown): Promise<Outcome> {
    if (!isRequestName(channel)) return failure(invalid(`unknown channel ${describe(channel)}`))
    const parsed = validate(requests[channel].params, rawParams)
    if (!parsed.ok) return parsed
    try {
      const value = await this.handlers[channel]!(parsed.value)
      return { ok: true, value: value ?? null }
    } catch (err) {
      return failure(asBerthError(err))
    }
  }

  subscribe(session: ClientSession, topic: unknown, rawParams: unknown, sink: StreamSink): Outcome<string> {
    if (!isTopicName(topic)) return failure(invalid(`unknown topic ${describe(topic)}`))
    const parsed = validate(topics[topic].params, rawParams)
    if (!parsed.ok) return parsed
    try {
      const binding = this.topics[topic]!(parsed.value)
      const sub = session.newSubId()
      // The client learns `sub` from this call's answer. What the stream sends before that
      // answer is out (its current state, first) waits one turn, or the client would drop
      // it as belonging to no subscription it knows.
      let held: (() => void)[] | null = []
      const deliver = (send: () => void) => (held ? held.push(send) : send())
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
        for (const send of queued) send()
      })
      return { ok: true, value: sub }
    } catch (err) {
      return failure(asBerthError(err))
    }
  }

  unsubscribe(session: ClientSession, sub: unknown): void {
    if (typeof sub !== 'string') return
    const dispose = session.subscriptions.get(sub)
    session.subscriptions.delete(sub)
    dispose?.()
  }

  /** A window closed or a socket dropped: release everything it held. */
  closeSession(session: ClientSession): void {
    for (const dispose of session.subscriptions.values()) dispose()
    session.subscriptions.clear()
    session.disposables.dispose()
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

function describe(v: unknown): string {
  return typeof v === 'string' ? `"${v.slice(0, 60)}"` : typeof v
}

function asBerthError(err: unknown): BerthError {
  if (err instanceof BerthError) return err
  const message = err instanceof Error ? err.message : String(err)
  return new BerthError('INTERNAL', `Something went wrong inside Berth: ${message}`)
}

function failure(error: BerthError): { ok: false; error: BerthErrorShape } {
  return { ok: false, error: error.toJSON() }
}
