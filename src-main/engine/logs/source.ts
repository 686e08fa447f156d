import type { IncomingMessage } from 'node:http'
import type { EngineEvent } from '../../../src-shared/contract/events'
import { LOG_TAIL_MAX, type LogLine, type LogMessage } from '../../../src-shared/contract/logs'
import type { Disposer } from '../../streams/disposable'
import { trackStream } from '../../streams/gauge'
import { MachineRunner } from '../../streams/machine-runner'
import type { StreamSource } from '../../streams/registry'
import type { EngineConnection } from '../connection'
import { subject } from '../subject'
import { Batcher, BATCH_LINES, BATCH_MS } from './batcher'
import { inspectLogTarget, openEngineLogs } from './engine-logs'
import { LogParser } from './parser'
import { ReplayLog } from './replay'
import { LogSourceMachine, type LogSourceEffect, type LogSourceInput, type LogSourceParams } from './source-machine'

export { badTime, type LogSourceParams } from './source-machine'

export interface LogSourceDeps {
  conn: EngineConnection
  /** Engine events as they come (shared with the `events` topic's stream). */
  onContainerEvent(listener: (e: EngineEvent) => void): Disposer
  now?: () => number
}

/** A line's share of a batch: its text plus what its time and fields add in JSON. */
const lineWeight = (l: LogLine) => l.text.length + 64

interface Reading {
  id: number
  res: IncomingMessage
  release: () => void
}

/**
 * A container's log as a stream source. What happens when is decided by LogSourceMachine
 * (source-machine.ts); this driver does its I/O: inspects, the engine's log streams and their
 * gauge, parsing, batching, flow control, container events, the replay kept for late
 * subscribers, emit and end. Closing releases everything it holds, whatever the machine was doing.
 */
export function logsSource(deps: LogSourceDeps, params: LogSourceParams): StreamSource<LogMessage> {
  const { conn } = deps
  const now = deps.now ?? Date.now
  const replay = new ReplayLog(params.tail === 'all' ? LOG_TAIL_MAX : params.tail)
  return {
    replay: () => replay.snapshot(),
    open(emit, end, flow) {
      /** Streams that arrived and wait for the machine's word (read or close). */
      const arrived = new Map<number, IncomingMessage>()
      let reading: Reading | null = null
      let offEvents: Disposer | null = null

      const deliver = (m: LogMessage) => {
        replay.add(m)
        emit(m)
      }
      const batcher = new Batcher<LogLine>((lines) => deliver({ kind: 'lines', lines }), BATCH_LINES, BATCH_MS, lineWeight)

      const closeStream = (id: number) => {
        arrived.get(id)?.destroy()
        arrived.delete(id)
        if (reading?.id !== id) return
        const { res, release } = reading
        reading = null
        release()
        res.destroy()
      }

      // A subscriber's socket is full: stop reading the engine until it drains. After any full
      // batch, give the carrier a turn to write before reading on.
      const pace = (current: Reading, full: boolean) => {
        if (flow?.congested()) {
          current.res.pause()
          flow.whenClear(() => reading === current && current.res.resume())
        } else if (full) {
          current.res.pause()
          setImmediate(() => reading === current && current.res.resume())
        }
      }

      const read = (id: number, tty: boolean) => {
        const res = arrived.get(id)
        arrived.delete(id)
        if (!res) return
        const current: Reading = { id, res, release: trackStream('logs') }
        reading = current
        const parser = new LogParser(tty)
        const ended = (error?: Error) => {
          if (reading !== current) return
          runner.dispatch({ type: 'stream-ended', stream: id, lines: parser.end(), ...(error ? { error } : {}) })
        }
        res.on('data', (chunk: Buffer) => reading === current && runner.dispatch({ type: 'lines', stream: id, lines: parser.push(chunk) }))
        res.on('end', () => ended())
        res.on('close', () => ended())
        res.on('error', (err: Error) => ended(err))
      }

      const openStream = (effect: Extract<LogSourceEffect, { type: 'open' }>) => {
        const failed = (error: unknown) => runner.dispatch({ type: 'open-failed', stream: effect.stream, error })
        let answer: Promise<IncomingMessage>
        try {
          answer = openEngineLogs(conn.client(), effect.containerId, effect.query)
        } catch (err) {
          return failed(err)
        }
        answer.then((res) => {
          if (runner.halted) return res.destroy()
          arrived.set(effect.stream, res)
          runner.dispatch({ type: 'opened', stream: effect.stream })
        }, failed)
      }

      const perform = (effect: LogSourceEffect): void => {
        switch (effect.type) {
          case 'inspect':
            conn
              .run((d) => inspectLogTarget(d, effect.ref), subject('container', params.id))
              .then(
                (target) => runner.dispatch({ type: 'inspected', target }),
                (error: unknown) => runner.dispatch({ type: 'inspect-failed', error }),
              )
            return
          case 'follow-events':
            offEvents = deps.onContainerEvent((event) => runner.dispatch({ type: 'container-event', event }))
            return
          case 'open':
            return openStream(effect)
          case 'read':
            return read(effect.stream, effect.tty)
          case 'close-stream':
            return closeStream(effect.stream)
          case 'lines': {
            const full = batcher.push(effect.lines)
            if (effect.pace !== null && reading?.id === effect.pace) pace(reading, full)
            return
          }
          case 'send':
            batcher.flush()
            return deliver(effect.message)
          case 'lost':
            return conn.lost(effect.error)
          case 'end':
            if (!effect.error) batcher.flush()
            return end(effect.error)
        }
      }

      const runner: MachineRunner<LogSourceInput, LogSourceEffect> = new MachineRunner(new LogSourceMachine(params, { now, engineNow: () => conn.engineNow() }), perform)
      // The engine this log is on; connecting to another one ends it instead of resuming.
      const engineId = conn.getStatus().endpoint?.id ?? null
      const offStatus = conn.onStatus((s) => {
        const switched = s.state === 'connected' && engineId !== null && s.endpoint?.id !== engineId
        runner.dispatch({ type: 'connection', connected: s.state === 'connected', ...(switched ? { switched } : {}), ...(s.error ? { message: s.error.message } : {}) })
      })
      runner.dispatch({ type: 'start' })

      return () => {
        runner.dispatch({ type: 'dispose' })
        runner.halt()
        offStatus()
        offEvents?.()
        batcher.dispose()
        for (const id of [...arrived.keys()]) closeStream(id)
        if (reading) closeStream(reading.id)
      }
    },
  }
}
