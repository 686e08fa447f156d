import type { IncomingMessage } from 'node:http'
import { BerthError, type BerthErrorShape } from '../../../src-shared/contract/errors'
import type { EngineEvent } from '../../../src-shared/contract/events'
import { LOG_TAIL_MAX, type LogLine, type LogMessage } from '../../../src-shared/contract/logs'
import type { Disposer } from '../../streams/disposable'
import { trackStream } from '../../streams/gauge'
import type { StreamSource } from '../../streams/registry'
import type { EngineConnection } from '../connection'
import { isUnreachable, toBerthError } from '../errors'
import { Batcher, BATCH_LINES, BATCH_MS } from './batcher'
import { inspectLogTarget, openEngineLogs, type EngineLogQuery, type LogTarget } from './engine-logs'
import { LagWatch } from './lag'
import { LogParser } from './parser'
import { ReplayLog } from './replay'
import { toEngineTime } from './since'
import { compareInstants, formatUnix, parseEngineTime, type EngineInstant } from './timestamp'
import { subject } from '../subject'

export interface LogSourceParams {
  id: string
  since?: string
  until?: string
  stdout: boolean
  stderr: boolean
  tail: number | 'all'
  follow: boolean
}

export interface LogSourceDeps {
  conn: EngineConnection
  /** Engine events as they come (shared with the `events` topic's stream). */
  onContainerEvent(listener: (e: EngineEvent) => void): Disposer
  now?: () => number
}

type Phase = 'opening' | 'streaming' | 'ended' | 'stopped' | 'finished'

/**
 * A container's log as a stream source: the last `tail` lines (or all since `since`), then,
 * while following, new lines across stops and restarts until the container is removed.
 * Lines go out in batches (by count or after a short delay). When a followed stream ends the
 * container is inspected: stopped → `lifecycle stopped`, and on its next `start` event the log
 * is reopened from the last line sent (lines already sent are skipped) after `lifecycle
 * restarted`; removed → `done removed`. Not following: the lines, then `done complete`.
 */
export function logsSource(deps: LogSourceDeps, params: LogSourceParams): StreamSource<LogMessage> {
  const { conn } = deps
  const now = deps.now ?? Date.now
  const replay = new ReplayLog(params.tail === 'all' ? LOG_TAIL_MAX : params.tail)
  return {
    replay: () => replay.snapshot(),
    open(emit, end, flow) {
      let phase: Phase = 'opening'
      let target: LogTarget | null = null
      let stream: IncomingMessage | null = null
      let releaseGauge: (() => void) | null = null
      let offEvents: Disposer | null = null
      let linesThisOpen = 0
      // The last line sent, and how many sent lines carry exactly its time.
      let lastTime = ''
      let lastInstant: EngineInstant | null = null
      let atLastTime = 0
      // After a reopen: lines up to the last one sent come again and are skipped.
      let skipping = false
      let skipAtLast = 0
      let checks = Promise.resolve()
      let stopAnnounced = false
      // Following a live log: jump to its newest lines when it runs ahead of what can be shown.
      const lag = params.follow && params.until === undefined ? new LagWatch(conn.engineNow()) : null

      const deliver = (m: LogMessage) => {
        replay.add(m)
        emit(m)
      }
      const batcher = new Batcher<LogLine>(
        (lines) => {
          noteSent(lines)
          deliver({ kind: 'lines', lines })
        },
        BATCH_LINES,
        BATCH_MS,
        lineWeight,
      )
      /** A lifecycle or done message comes after every line read before it. */
      const send = (m: LogMessage) => {
        batcher.flush()
        deliver(m)
      }

      const noteSent = (lines: LogLine[]) => {
        let i = lines.length - 1
        const t = lines[i]!.time
        if (!t) return
        while (i > 0 && lines[i - 1]!.time === t) i--
        const trailing = lines.length - i
        atLastTime = t === lastTime && i === 0 ? atLastTime + trailing : trailing
        if (t !== lastTime) {
          lastTime = t
          lastInstant = parseEngineTime(t)
        }
      }

      const unseen = (lines: LogLine[]): LogLine[] => {
        if (!skipping || !lastInstant) return lines
        let i = 0
        for (; i < lines.length; i++) {
          const line = lines[i]!
          const t = line.time ? parseEngineTime(line.time) : null
          if (!t) continue
          const c = compareInstants(t, lastInstant)
          if (c < 0) continue
          if (c === 0 && skipAtLast > 0) {
            skipAtLast--
            continue
          }
          skipping = false
          break
        }
        return i === 0 ? lines : lines.slice(i)
      }

      const closeStream = () => {
        const s = stream
        stream = null
        releaseGauge?.()
        releaseGauge = null
        s?.destroy()
      }

      const finish = (error?: BerthErrorShape) => {
        if (phase === 'finished') return
        phase = 'finished'
        if (!error) batcher.flush()
        end(error)
      }
      const fail = (err: unknown) => finish(toBerthError(err, subject('container', params.id)).toJSON())

      const isFinished = () => phase === 'finished'

      const openStream = async (q: EngineLogQuery, again: boolean) => {
        phase = 'opening'
        linesThisOpen = 0
        let res: IncomingMessage
        try {
          res = await openEngineLogs(conn.client(), target!.id, q)
        } catch (err) {
          if (isFinished()) return
          if (isUnreachable(err)) conn.lost(err)
          if ((err as { statusCode?: number }).statusCode === 404 && again) {
            send(done('removed'))
            return finish()
          }
          return fail(err)
        }
        if (isFinished()) {
          res.destroy()
          return
        }
        stream = res
        releaseGauge = trackStream('logs')
        phase = 'streaming'
        const parser = new LogParser(target!.tty)
        const take = (lines: LogLine[]) => {
          const fresh = unseen(lines)
          linesThisOpen += fresh.length
          const full = batcher.push(fresh)
          if (stream !== res) return
          const newest = fresh[fresh.length - 1]
          if (lag && newest && lag.behind(newest.ms, conn.engineNow())) return jumpAhead()
          // A subscriber's socket is full: stop reading the engine until it drains. After any
          // full batch, give the carrier a turn to write before reading on.
          if (flow?.congested()) {
            res.pause()
            flow.whenClear(() => stream === res && res.resume())
          } else if (full) {
            res.pause()
            setImmediate(() => stream === res && res.resume())
          }
        }
        let over = false
        const ended = (err?: Error) => {
          if (over || stream !== res) return
          over = true
          take(parser.end())
          closeStream()
          if (err && isUnreachable(err)) {
            conn.lost(err)
            return fail(err)
          }
          phase = 'ended'
          if (!params.follow || params.until !== undefined) {
            send(done('complete'))
            return finish()
          }
          schedule()
        }
        res.on('data', (chunk: Buffer) => stream === res && take(parser.push(chunk)))
        res.on('end', () => ended())
        res.on('close', () => ended())
        res.on('error', (err: Error) => ended(err))
      }

      // The engine holds a backlog the view cannot catch up with: read its last lines instead,
      // and say where lines were left out. Lines already sent are skipped if they come again.
      const jumpAhead = () => {
        closeStream()
        batcher.flush()
        deliver({ kind: 'skipped', after: lastTime || new Date(conn.engineNow()).toISOString() })
        skipping = lastInstant !== null
        skipAtLast = atLastTime
        void openStream({ follow: true, stdout: params.stdout, stderr: params.stderr, tail: JUMP_TAIL }, true)
      }

      const reopen = (fallbackSince: string) => {
        skipping = lastInstant !== null
        skipAtLast = atLastTime
        const since = lastInstant ? formatUnix(lastInstant) : toEngineTime(fallbackSince, now()) ?? undefined
        void openStream({ follow: true, stdout: params.stdout, stderr: params.stderr, tail: 'all', since }, true)
      }

      // After the stream ended, and on start/die/destroy events: what is the container doing now?
      const check = async () => {
        if (phase !== 'ended' && phase !== 'stopped') return
        let info: LogTarget
        try {
          info = await conn.run((d) => inspectLogTarget(d, target!.id), subject('container', params.id))
        } catch (err) {
          if (isFinished()) return
          if (err instanceof BerthError && err.code === 'NOT_FOUND') {
            send(done('removed'))
            return finish()
          }
          return fail(err)
        }
        if (phase !== 'ended' && phase !== 'stopped') return
        const streamEnded = phase === 'ended'
        const previous = target!
        target = info
        const newRun = info.startedAt !== previous.startedAt
        phase = 'stopped'
        if ((newRun || !info.running) && !stopAnnounced) {
          send({ kind: 'lifecycle', event: 'stopped', time: info.finishedAt })
          stopAnnounced = true
        }
        if (info.running && newRun) {
          send({ kind: 'lifecycle', event: 'restarted', time: info.startedAt })
          stopAnnounced = false
          reopen(info.finishedAt)
        } else if (info.running && streamEnded && linesThisOpen > 0) {
          // The engine closed a stream of a container that still runs: carry on where it stopped.
          reopen(info.startedAt)
        }
        // Otherwise wait: its next start, die or destroy event brings the next check (no polling).
      }
      const schedule = () => {
        checks = checks.then(check, check)
      }

      const start = async () => {
        try {
          target = await conn.run((d) => inspectLogTarget(d, params.id), subject('container', params.id))
        } catch (err) {
          return fail(err)
        }
        if (isFinished()) return
        if (params.follow && params.until === undefined) {
          const id = target.id
          offEvents = deps.onContainerEvent((e) => {
            if (e.type === 'container' && e.id === id && CHECK_ON.has(e.action)) schedule()
          })
        }
        const since = params.since !== undefined ? toEngineTime(params.since, now()) : null
        const until = params.until !== undefined ? toEngineTime(params.until, now()) : null
        if (since === null && params.since !== undefined) return fail(badTime(params.since))
        if (until === null && params.until !== undefined) return fail(badTime(params.until))
        await openStream({
          follow: params.follow,
          stdout: params.stdout,
          stderr: params.stderr,
          tail: params.tail,
          ...(since ? { since } : {}),
          ...(until ? { until } : {}),
        }, false)
      }

      const offStatus = conn.onStatus((s) => {
        if (s.state !== 'connected') finish(new BerthError('ENGINE_UNREACHABLE', s.error?.message ?? 'Berth lost the connection to the container engine.', { reason: 'engine_unreachable' }).toJSON())
      })
      void start()

      return () => {
        phase = 'finished'
        offStatus()
        offEvents?.()
        batcher.dispose()
        closeStream()
      }
    },
  }
}

/** Lines read from the end of the log when a followed log jumps ahead of a backlog. */
const JUMP_TAIL = 1000

/** Container events after which a followed log that is not streaming looks again. */
const CHECK_ON = new Set(['start', 'die', 'destroy'])

/** A line's share of a batch: its text plus what its time and fields add in JSON. */
const lineWeight = (l: LogLine) => l.text.length + 64

function done(reason: Extract<LogMessage, { kind: 'done' }>['reason']): LogMessage {
  return { kind: 'done', reason }
}


export function badTime(value: string): BerthError {
  return new BerthError('INVALID_INPUT', `Berth cannot read “${value}” as a time: use 15m, 2h, an RFC 3339 time or unix seconds.`, { reason: 'invalid_input' })
}
