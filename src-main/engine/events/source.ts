import type { ContainerRow } from '../../../src-shared/contract/containers'
import type { EventBatch } from '../../../src-shared/contract/events'
import { trackStream } from '../../streams/gauge'
import { MachineRunner } from '../../streams/machine-runner'
import type { StreamSource } from '../../streams/registry'
import type { EngineConnection } from '../connection'
import type { ContainerService } from '../containers'
import { NdjsonSplitter } from '../ndjson'
import { BatchMachine, type BatchEffect, type BatchInput, type BatchTimer } from './batch-machine'
import type { RawEvent } from './engine-event'
import { EventStreamMachine, type EventStreamEffect, type EventStreamInput } from './stream-machine'

/** The registry key of the one shared engine event stream. */
export const EVENTS_KEY = 'events'

/** Above this many changed containers in a batch, one full list is cheaper than many reads. */
const FULL_LIST_THRESHOLD = 25

type EngineEventStream = NodeJS.ReadableStream & { destroy(): void }

/**
 * The engine's event stream as a shared source. Two machines decide (stream-machine.ts: the
 * stream following the connection; batch-machine.ts: batches and row reads); this driver does
 * their I/O: the connection, the engine stream and its gauge, row reads, timers, emit. Closing
 * releases everything it holds, whatever the machines were doing.
 */
export function eventsSource(conn: EngineConnection, containers: ContainerService): StreamSource<EventBatch> {
  return {
    open(emit) {
      /** Streams that arrived and wait for the machine's word (listen or close). */
      const arrived = new Map<number, EngineEventStream>()
      let reading: { id: number; stream: EngineEventStream; release: () => void } | null = null
      const timers = new Map<BatchTimer, ReturnType<typeof setTimeout>>()

      const batches: MachineRunner<BatchInput, BatchEffect> = new MachineRunner(new BatchMachine(), (effect) => {
        switch (effect.type) {
          case 'set-timer': {
            clearTimeout(timers.get(effect.timer))
            const timer = effect.timer
            timers.set(
              timer,
              setTimeout(() => {
                timers.delete(timer)
                batches.dispatch({ type: 'timer', timer })
              }, effect.ms),
            )
            return
          }
          case 'read-rows':
            readRows(containers, effect.ids).then(
              (rows) => batches.dispatch({ type: 'rows', rows }),
              () => batches.dispatch({ type: 'rows-failed' }),
            )
            return
          case 'emit':
            emit(effect.batch)
            return
        }
      })

      const closeStream = (id: number) => {
        const waiting = arrived.get(id)
        arrived.delete(id)
        waiting?.destroy()
        if (reading?.id !== id) return
        const { stream, release } = reading
        reading = null
        release()
        stream.destroy()
      }

      const listen = (id: number) => {
        const stream = arrived.get(id)
        arrived.delete(id)
        if (!stream) return
        const splitter = new NdjsonSplitter<RawEvent>()
        const current = { id, stream, release: trackStream('events') }
        reading = current
        const gone = (error?: Error) => {
          if (reading !== current) return
          reading = null
          current.release()
          link.dispatch({ type: 'gone', stream: id, error })
        }
        stream.on('data', (chunk: Buffer) => {
          for (const raw of splitter.push(chunk)) link.dispatch({ type: 'received', stream: id, raw })
        })
        stream.on('end', () => gone())
        stream.on('close', () => gone())
        stream.on('error', (err: Error) => gone(err))
      }

      const openStream = (id: number, since: string) => {
        let docker
        try {
          docker = conn.client()
        } catch {
          return link.dispatch({ type: 'no-client', stream: id })
        }
        // `since` goes as a string: seconds with nanoseconds lose precision as a double.
        const answer = docker.getEvents({ since: since as unknown as number }) as Promise<EngineEventStream>
        answer.then(
          (stream) => {
            if (link.halted) return stream.destroy()
            arrived.set(id, stream)
            link.dispatch({ type: 'opened', stream: id })
          },
          (error: unknown) => link.dispatch({ type: 'open-failed', stream: id, error }),
        )
      }

      const link: MachineRunner<EventStreamInput, EventStreamEffect> = new MachineRunner(new EventStreamMachine({ now: Date.now }), (effect) => {
        switch (effect.type) {
          case 'open':
            return openStream(effect.stream, effect.since)
          case 'listen':
            return listen(effect.stream)
          case 'close-stream':
            return closeStream(effect.stream)
          case 'lost':
            return conn.lost(effect.error)
          case 'news':
            return batches.dispatch({ type: 'event', event: effect.event })
        }
      })

      const offStatus = conn.onStatus((s) => link.dispatch({ type: 'connection', connected: s.state === 'connected' }))
      if (conn.getStatus().state === 'connected') link.dispatch({ type: 'connection', connected: true })

      return () => {
        link.dispatch({ type: 'close' })
        batches.dispatch({ type: 'close' })
        link.halt()
        batches.halt()
        offStatus()
        for (const id of [...arrived.keys()]) closeStream(id)
        if (reading) closeStream(reading.id)
        for (const timer of timers.values()) clearTimeout(timer)
        timers.clear()
      }
    },
  }
}

async function readRows(containers: ContainerService, ids: string[]): Promise<Map<string, ContainerRow>> {
  return ids.length > FULL_LIST_THRESHOLD ? new Map((await containers.list()).map((r) => [r.id, r])) : containers.rows(ids)
}
