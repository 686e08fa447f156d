import { BerthError, type BerthErrorShape } from '../../../src-shared/contract/errors'
import type { EngineEvent } from '../../../src-shared/contract/events'
import type { LogLine, LogMessage } from '../../../src-shared/contract/logs'
import type { Machine } from '../../streams/machine-runner'
import { isUnreachable, toBerthError } from '../errors'
import { subject } from '../subject'
import type { EngineLogQuery, LogTarget } from './engine-logs'
import { LagWatch } from './lag'
import { advance, NO_POSITION, skipFrom, unseen, type LogPosition, type Skip } from './position'
import { toEngineTime } from './since'
import { formatUnix } from './timestamp'

export interface LogSourceParams {
  id: string
  since?: string
  until?: string
  stdout: boolean
  stderr: boolean
  tail: number | 'all'
  follow: boolean
}

export interface LogClock {
  /** Berth's clock (epoch ms): relative since/until count back from it. */
  now(): number
  /** The engine's clock (its log timestamps are on it), for the lag. */
  engineNow(): number
}

/** Lines read from the end of the log when a followed log jumps ahead of a backlog. */
export const JUMP_TAIL = 1000

/** Container events after which a followed log that is not streaming looks again. */
const CHECK_ON = new Set(['start', 'die', 'destroy'])

export type LogSourceState =
  /** Inspecting the container before its first stream. */
  | { phase: 'resolving' }
  /** The engine's log stream was asked for. `again`: not the first (a 404 now means removed). */
  | { phase: 'opening'; stream: number; again: boolean; skip: Skip | null }
  /** Reading it; `lines` counts the lines taken from this stream. */
  | { phase: 'streaming'; stream: number; skip: Skip | null; lines: number }
  /**
   * A followed stream ended, or an event came while waiting: inspecting the container.
   * `carryOn`: the stream that ended had lines, so reopen if the same run still goes on.
   * `recheck`: an event came meanwhile, so look once more if this answer leaves us waiting.
   */
  | { phase: 'checking'; carryOn: boolean; recheck: boolean }
  /** Stopped (or a stream with nothing in it ended): its next start, die or destroy event brings a check (no polling). */
  | { phase: 'waiting-for-start' }
  /** Following, and the engine went away: its return brings a check, and the log carries on from the last line taken. */
  | { phase: 'waiting-for-engine' }
  /** Done, failed or disposed: nothing happens any more. */
  | { phase: 'ended' }

export type LogSourceInput =
  /** Asks for the first inspect. */
  | { type: 'start' }
  | { type: 'inspected'; target: LogTarget }
  | { type: 'inspect-failed'; error: unknown }
  | { type: 'opened'; stream: number }
  | { type: 'open-failed'; stream: number; error: unknown }
  | { type: 'lines'; stream: number; lines: LogLine[] }
  /** The stream ended (error: it failed); `lines` are those it still held (a last line without newline). */
  | { type: 'stream-ended'; stream: number; lines: LogLine[]; error?: Error }
  | { type: 'container-event'; event: EngineEvent }
  /** `switched`: connected, but to another engine than the one this log is on. */
  | { type: 'connection'; connected: boolean; message?: string; switched?: boolean }
  /** The last subscriber left; its driver releases what it holds, so this has no effects. */
  | { type: 'dispose' }

export type LogSourceEffect =
  /** Inspect the container (`ref`: the id or name first asked for, then its id). */
  | { type: 'inspect'; ref: string }
  /** Listen to the container's events (the driver stops when it disposes). */
  | { type: 'follow-events'; containerId: string }
  | { type: 'open'; stream: number; containerId: string; query: EngineLogQuery }
  /** The stream asked for is the one wanted: read it. */
  | { type: 'read'; stream: number; tty: boolean }
  | { type: 'close-stream'; stream: number }
  /**
   * Lines to send (batched). `pace`: the stream they came from, to hold while a subscriber is
   * congested, and for a turn after a full batch, before reading on.
   */
  | { type: 'lines'; lines: LogLine[]; pace: number | null }
  /** A message that comes after every line before it. */
  | { type: 'send'; message: LogMessage }
  /** Tell the connection the engine went away. */
  | { type: 'lost'; error: unknown }
  /** The end of the source: no more messages (without an error, after every line taken). */
  | { type: 'end'; error?: BerthErrorShape }

/**
 * A container's log, decided: the last `tail` lines (or all since `since`), then, while following,
 * new lines across stops and restarts until the container is removed. When a followed stream ends
 * the container is inspected: stopped → `lifecycle stopped`, and on its next `start` event the log
 * is reopened from the last line taken (lines already taken are skipped when they come again)
 * after `lifecycle restarted`; removed → `done removed`. A followed log that falls behind the
 * engine jumps to its newest lines after a `skipped` marker. When the engine goes away a followed
 * log says `lifecycle disconnected`, waits, and on its return says `lifecycle reconnected` and
 * carries on as after a stream that ended (no line twice). Not following: the lines, then
 * `done complete`. Every field changes only in `transition` (and the helpers it alone calls).
 */
export class LogSourceMachine implements Machine<LogSourceInput, LogSourceEffect> {
  private current: LogSourceState = { phase: 'resolving' }
  private target: LogTarget | null = null
  private position: LogPosition = NO_POSITION
  private stopAnnounced = false
  private streams = 0
  /** Following a live log: jump to its newest lines when it runs ahead of what can be shown. */
  private readonly lag: LagWatch | null

  constructor(
    private readonly params: LogSourceParams,
    private readonly clock: LogClock,
  ) {
    this.lag = this.live ? new LagWatch(clock.engineNow()) : null
  }

  get state(): LogSourceState {
    return this.current
  }

  /** Following with no end: new lines, restarts and events matter. */
  private get live(): boolean {
    return this.params.follow && this.params.until === undefined
  }

  transition(input: LogSourceInput): LogSourceEffect[] {
    const s = this.current
    const effects: LogSourceEffect[] = []
    if (s.phase === 'ended') {
      if (input.type === 'opened') effects.push({ type: 'close-stream', stream: input.stream })
      return effects
    }
    switch (input.type) {
      case 'start':
        if (s.phase === 'resolving') effects.push({ type: 'inspect', ref: this.params.id })
        break
      case 'inspected':
        if (s.phase === 'resolving') this.resolved(input.target, effects)
        else if (s.phase === 'checking') this.checked(s, input.target, effects)
        break
      case 'inspect-failed':
        if (s.phase === 'resolving') this.end(effects, this.failure(input.error))
        else if (s.phase === 'checking') {
          if (input.error instanceof BerthError && input.error.code === 'NOT_FOUND') this.removed(effects)
          else if (isUnreachable(input.error)) this.engineLost(input.error, effects)
          else this.end(effects, this.failure(input.error))
        }
        break
      case 'opened':
        if (s.phase !== 'opening' || s.stream !== input.stream) effects.push({ type: 'close-stream', stream: input.stream })
        else {
          this.current = { phase: 'streaming', stream: s.stream, skip: s.skip, lines: 0 }
          effects.push({ type: 'read', stream: s.stream, tty: this.target!.tty })
        }
        break
      case 'open-failed':
        if (s.phase !== 'opening' || s.stream !== input.stream) break
        if (isUnreachable(input.error)) this.engineLost(input.error, effects)
        else if ((input.error as { statusCode?: number }).statusCode === 404 && s.again) this.removed(effects)
        else this.end(effects, this.failure(input.error))
        break
      case 'lines':
        if (s.phase === 'streaming' && s.stream === input.stream) this.take(s, input.lines, effects)
        break
      case 'stream-ended':
        if (s.phase === 'streaming' && s.stream === input.stream) this.streamEnded(s, input.lines, input.error, effects)
        break
      case 'container-event': {
        const e = input.event
        if (e.type !== 'container' || e.id !== this.target?.id || !CHECK_ON.has(e.action)) break
        if (s.phase === 'waiting-for-start') this.check(false, effects)
        else if (s.phase === 'checking') this.current = { ...s, recheck: true }
        break
      }
      case 'connection':
        if (input.connected && input.switched) {
          if (s.phase === 'streaming') effects.push({ type: 'close-stream', stream: s.stream })
          this.end(effects, engineGone(ENGINE_SWITCHED))
        } else if (input.connected) {
          if (s.phase === 'waiting-for-engine') this.engineBack(effects)
        } else {
          if (s.phase === 'streaming') effects.push({ type: 'close-stream', stream: s.stream })
          this.engineGoneAway(effects, input.message)
        }
        break
      case 'dispose':
        this.current = { phase: 'ended' }
        break
    }
    return effects
  }

  /** The first inspect answered: listen to its events, then open its log. */
  private resolved(target: LogTarget, effects: LogSourceEffect[]): void {
    this.target = target
    const p = this.params
    if (this.live) effects.push({ type: 'follow-events', containerId: target.id })
    const since = p.since !== undefined ? toEngineTime(p.since, this.clock.now()) : null
    const until = p.until !== undefined ? toEngineTime(p.until, this.clock.now()) : null
    if (since === null && p.since !== undefined) return this.end(effects, badTime(p.since).toJSON())
    if (until === null && p.until !== undefined) return this.end(effects, badTime(p.until).toJSON())
    this.open({ follow: p.follow, stdout: p.stdout, stderr: p.stderr, tail: p.tail, ...(since ? { since } : {}), ...(until ? { until } : {}) }, false, null, effects)
  }

  /** Lines read: drop what a reopened stream sends again, send the rest, and jump ahead if they are far behind. */
  private take(s: Extract<LogSourceState, { phase: 'streaming' }>, lines: LogLine[], effects: LogSourceEffect[]): void {
    const fresh = unseen(lines, s.skip)
    this.position = advance(this.position, fresh.lines)
    const newest = fresh.lines.at(-1)
    if (this.lag && newest && this.lag.behind(newest.ms, this.clock.engineNow())) {
      // The engine holds a backlog the view cannot catch up with: read its last lines instead,
      // and say where lines were left out. Lines already taken are skipped if they come again.
      effects.push({ type: 'lines', lines: fresh.lines, pace: null }, { type: 'close-stream', stream: s.stream })
      effects.push({ type: 'send', message: { kind: 'skipped', after: this.position.time || new Date(this.clock.engineNow()).toISOString() } })
      this.open({ follow: true, stdout: this.params.stdout, stderr: this.params.stderr, tail: JUMP_TAIL }, true, skipFrom(this.position), effects)
      return
    }
    this.current = { ...s, skip: fresh.skip, lines: s.lines + fresh.lines.length }
    effects.push({ type: 'lines', lines: fresh.lines, pace: s.stream })
  }

  /** The stream ended: its last lines (no jump: nothing is held back any more), then done or a look at the container. */
  private streamEnded(s: Extract<LogSourceState, { phase: 'streaming' }>, lines: LogLine[], error: Error | undefined, effects: LogSourceEffect[]): void {
    const fresh = unseen(lines, s.skip).lines
    this.position = advance(this.position, fresh)
    if (fresh.length > 0) effects.push({ type: 'lines', lines: fresh, pace: null })
    effects.push({ type: 'close-stream', stream: s.stream })
    if (error && isUnreachable(error)) return this.engineLost(error, effects)
    if (!this.live) {
      effects.push({ type: 'send', message: done('complete') })
      return this.end(effects)
    }
    this.check(s.lines + fresh.length > 0, effects)
  }

  private check(carryOn: boolean, effects: LogSourceEffect[]): void {
    this.current = { phase: 'checking', carryOn, recheck: false }
    effects.push({ type: 'inspect', ref: this.target!.id })
  }

  /** What the container does now: announce a stop once, reopen on a new run (or the same run if its stream just closed), else wait. */
  private checked(s: Extract<LogSourceState, { phase: 'checking' }>, info: LogTarget, effects: LogSourceEffect[]): void {
    const previous = this.target!
    this.target = info
    const newRun = info.startedAt !== previous.startedAt
    if ((newRun || !info.running) && !this.stopAnnounced) {
      effects.push({ type: 'send', message: { kind: 'lifecycle', event: 'stopped', time: info.finishedAt } })
      this.stopAnnounced = true
    }
    if (info.running && newRun) {
      effects.push({ type: 'send', message: { kind: 'lifecycle', event: 'restarted', time: info.startedAt } })
      this.stopAnnounced = false
      this.reopen(info.finishedAt, effects)
    } else if (info.running && s.carryOn) {
      // The engine closed a stream of a container that still runs: carry on where it stopped.
      this.reopen(info.startedAt, effects)
    } else if (s.recheck) {
      this.check(false, effects)
    } else {
      this.current = { phase: 'waiting-for-start' }
    }
  }

  /** Follows again from the last line taken (or, before any, from `fallbackSince`). */
  private reopen(fallbackSince: string, effects: LogSourceEffect[]): void {
    const at = this.position.instant
    const since = at ? formatUnix(at) : (toEngineTime(fallbackSince, this.clock.now()) ?? undefined)
    this.open({ follow: true, stdout: this.params.stdout, stderr: this.params.stderr, tail: 'all', ...(since ? { since } : {}) }, true, skipFrom(this.position), effects)
  }

  private open(query: EngineLogQuery, again: boolean, skip: Skip | null, effects: LogSourceEffect[]): void {
    const stream = ++this.streams
    this.current = { phase: 'opening', stream, again, skip }
    effects.push({ type: 'open', stream, containerId: this.target!.id, query })
  }

  private removed(effects: LogSourceEffect[]): void {
    effects.push({ type: 'send', message: done('removed') })
    this.end(effects)
  }

  /** A socket-level failure: the connection hears of it, and the source goes on as when the connection goes. */
  private engineLost(error: unknown, effects: LogSourceEffect[]): void {
    effects.push({ type: 'lost', error })
    this.engineGoneAway(effects, toBerthError(error).message)
  }

  /** A followed log waits for the engine (saying so once); any other ends with ENGINE_UNREACHABLE. */
  private engineGoneAway(effects: LogSourceEffect[], message?: string): void {
    if (!this.live || this.target === null) return this.end(effects, engineGone(message))
    if (this.current.phase === 'waiting-for-engine') return
    this.current = { phase: 'waiting-for-engine' }
    effects.push({ type: 'send', message: { kind: 'lifecycle', event: 'disconnected', time: this.engineInstant() } })
  }

  /** The engine answers again: say so, and look at the container as after a stream that ended with lines. */
  private engineBack(effects: LogSourceEffect[]): void {
    effects.push({ type: 'send', message: { kind: 'lifecycle', event: 'reconnected', time: this.engineInstant() } })
    this.check(true, effects)
  }

  private engineInstant(): string {
    return new Date(this.clock.engineNow()).toISOString()
  }

  /** Ends the source; a stream still read is closed by the caller first. */
  private end(effects: LogSourceEffect[], error?: BerthErrorShape): void {
    this.current = { phase: 'ended' }
    effects.push(error ? { type: 'end', error } : { type: 'end' })
  }

  private failure(err: unknown): BerthErrorShape {
    return toBerthError(err, subject('container', this.params.id)).toJSON()
  }
}

function done(reason: Extract<LogMessage, { kind: 'done' }>['reason']): LogMessage {
  return { kind: 'done', reason }
}

const ENGINE_SWITCHED = 'Berth switched to another engine; this log was on the one before.'

/** How a log ends when the engine goes away (the connection's own words when it has them). */
function engineGone(message?: string): BerthErrorShape {
  return new BerthError('ENGINE_UNREACHABLE', message ?? 'Berth lost the connection to the container engine.', { reason: 'engine_unreachable' }).toJSON()
}

export function badTime(value: string): BerthError {
  return new BerthError('INVALID_INPUT', `Berth cannot read “${value}” as a time: use 15m, 2h, an RFC 3339 time or unix seconds.`, { reason: 'invalid_input' })
}
