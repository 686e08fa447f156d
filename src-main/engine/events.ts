import type { ContainerRow } from '../../src-shared/contract/containers'
import type { ContainerPatch, EngineEvent, EventBatch } from '../../src-shared/contract/events'
import type { StreamSource } from '../streams/registry'
import { trackStream } from '../streams/gauge'
import type { EngineConnection } from './connection'
import type { ContainerService } from './containers'
import { NdjsonSplitter } from './ndjson'
import { lastActions, rowAgreesWith } from './row-agreement'

/** The registry key of the one shared engine event stream. */
export const EVENTS_KEY = 'events'

/** How long events gather before one batch is sent: a burst becomes one render. */
export const EVENT_BATCH_MS = 30
/** How far before a subscription its engine stream starts (covers a remote engine's clock a little behind ours). */
const SUBSCRIBE_REPLAY_MS = 1000
/** A resumed stream starts this long before the newest event seen: one published late is not missed. */
const RESUME_OVERLAP_MS = 1000
/** How long seen events are remembered (longer than the overlap, so every replay is recognised). */
const RECENT_WINDOW_MS = 5000
/** Above this many changed containers in a batch, one full list is cheaper than many reads. */
const FULL_LIST_THRESHOLD = 25
// Actions that never change what a container row shows.
const ROW_NEUTRAL = /^(exec_|top$|attach$|resize$|export$|commit$|copy$|archive-path$|extract-to-dir$)/

interface RawEvent {
  Type?: string
  Action?: string
  Actor?: { ID?: string; Attributes?: Record<string, string> }
  id?: string
  time?: number
  timeNano?: number
}

export function toEngineEvent(raw: RawEvent): EngineEvent | null {
  const id = raw.Actor?.ID ?? raw.id
  if (!raw.Type || !raw.Action || !id) return null
  return {
    type: raw.Type,
    action: raw.Action,
    id,
    name: raw.Actor?.Attributes?.name ?? null,
    timeNano: raw.timeNano ?? (raw.time ?? 0) * 1e9,
  }
}

/** The events seen in the last few seconds of engine time, to tell a replay from news. */
export class RecentEvents {
  private readonly seen = new Map<string, number>()
  private pruneAt = 1024
  newestNano = 0

  /** Remembers the event; false when it was seen already. */
  add(event: EngineEvent): boolean {
    // Distinct events can share a timestamp (a double holds timeNano to about 256 ns), so the key is the whole event.
    const key = `${event.timeNano} ${event.type} ${event.action} ${event.id}`
    if (this.seen.has(key)) return false
    this.seen.set(key, event.timeNano)
    if (event.timeNano > this.newestNano) this.newestNano = event.timeNano
    if (this.seen.size > this.pruneAt) this.forgetOld()
    return true
  }

  private forgetOld(): void {
    const horizon = this.newestNano - RECENT_WINDOW_MS * 1e6
    for (const [key, nano] of this.seen) if (nano < horizon) this.seen.delete(key)
    // A burst inside the window keeps its events: prune again only once it has doubled.
    this.pruneAt = Math.max(1024, this.seen.size * 2)
  }
}

/** Container ids whose row an event batch may have changed, in first-seen order. */
export function changedContainerIds(events: EngineEvent[]): string[] {
  const ids = new Set<string>()
  for (const e of events) if (e.type === 'container' && !ROW_NEUTRAL.test(e.action)) ids.add(e.id)
  return [...ids]
}

/**
 * The engine's event stream as a shared source. It follows the connection: opens when
 * connected, closes when not, and after a reconnect resumes from the last event it saw.
 */
export function eventsSource(conn: EngineConnection, containers: ContainerService): StreamSource<EventBatch> {
  return {
    open(emit) {
      // Events seen lately, to drop what a resumed stream replays. The engine publishes events
      // from concurrent goroutines, so one can arrive after a newer one (50 kills at once: about
      // 1 in 7): whole events are remembered, not a time high-water mark.
      const recent = new RecentEvents()
      // Where the engine stream starts: a little before this subscription began, then after the
      // last event seen. A list read after subscribing then misses nothing, even an event the
      // engine sends before it has registered our stream (replays only cause a row re-read).
      let resumeNano = Date.now() * 1e6 - SUBSCRIBE_REPLAY_MS * 1e6
      let closeEngineStream: (() => void) | null = null
      let pending: EngineEvent[] = []
      let flushTimer: ReturnType<typeof setTimeout> | null = null
      let chain = Promise.resolve()
      let closed = false

      // Containers whose row still disagreed with their event after a batch's re-reads: read
      // again later, off the batch's path, until the engine agrees (or the last try's answer).
      const lagging = new Map<string, string>()
      let lagTimer: ReturnType<typeof setTimeout> | null = null
      let lagAttempt = 0

      const flush = () => {
        flushTimer = null
        const batch = pending
        pending = []
        chain = chain.then(async () => {
          for (const id of changedContainerIds(batch)) lagging.delete(id)
          const { patches, behind } = await readPatches(containers, batch)
          if (closed) return
          emit({ events: batch, containers: patches })
          if (behind.size > 0) {
            for (const [id, action] of behind) lagging.set(id, action)
            lagAttempt = 0
            scheduleLagRead()
          }
        })
      }

      const scheduleLagRead = () => {
        if (lagTimer) clearTimeout(lagTimer)
        lagTimer = setTimeout(() => {
          lagTimer = null
          chain = chain.then(async () => {
            if (closed || lagging.size === 0) return
            const last = ++lagAttempt >= LAG_DELAYS_MS.length
            const patches = await rereadLagging(containers, lagging, last)
            if (closed) return
            if (patches.length > 0) emit({ events: [], containers: patches })
            if (lagging.size > 0 && !last) scheduleLagRead()
            else lagging.clear()
          })
        }, LAG_DELAYS_MS[lagAttempt])
      }

      const onEvent = (raw: RawEvent) => {
        const event = toEngineEvent(raw)
        if (!event) return
        // A resumed stream replays the events we saw last; skip what we already had.
        if (!recent.add(event)) return
        resumeNano = recent.newestNano - RESUME_OVERLAP_MS * 1e6
        pending.push(event)
        flushTimer ??= setTimeout(flush, EVENT_BATCH_MS)
      }

      const openStream = async () => {
        if (closeEngineStream || closed) return
        let docker
        try {
          docker = conn.client()
        } catch {
          return
        }
        const since = (resumeNano / 1e9).toFixed(9)
        const placeholder = () => undefined
        closeEngineStream = placeholder
        try {
          // `since` goes as a string: seconds with nanoseconds lose precision as a double.
          const stream = (await docker.getEvents({ since: since as unknown as number })) as NodeJS.ReadableStream & { destroy(): void }
          if (closed || closeEngineStream !== placeholder) {
            stream.destroy()
            return
          }
          const release = trackStream('events')
          const splitter = new NdjsonSplitter<RawEvent>()
          let ended = false
          const onGone = (err?: Error) => {
            if (ended) return
            ended = true
            release()
            if (closeEngineStream === close) closeEngineStream = null
            if (!closed) conn.lost(Object.assign(err ?? new Error('the engine closed its event stream'), { code: (err as { code?: string })?.code ?? 'ECONNRESET' }))
          }
          const close = () => {
            ended = true
            release()
            stream.destroy()
          }
          closeEngineStream = close
          stream.on('data', (chunk: Buffer) => splitter.push(chunk).forEach(onEvent))
          stream.on('end', () => onGone())
          stream.on('close', () => onGone())
          stream.on('error', (err: Error) => onGone(err))
        } catch (err) {
          closeEngineStream = null
          if (!closed) conn.lost(err)
        }
      }

      const stopStream = () => {
        const close = closeEngineStream
        closeEngineStream = null
        close?.()
      }

      const offStatus = conn.onStatus((s) => {
        if (s.state === 'connected') void openStream()
        else stopStream()
      })
      if (conn.getStatus().state === 'connected') void openStream()

      return () => {
        closed = true
        offStatus()
        stopStream()
        if (flushTimer) clearTimeout(flushTimer)
        if (lagTimer) clearTimeout(lagTimer)
      }
    },
  }
}

// Waits before reading again a row that does not yet show its event's effect (see row-agreement.ts).
const REREAD_DELAYS_MS = [20, 50, 100, 250]
// Then, for rows still behind (a loaded engine can take seconds), later reads off the batch's path.
const LAG_DELAYS_MS = [500, 1500, 4000]

interface BatchPatches {
  patches: ContainerPatch[]
  /** Containers whose row still disagreed with their event, and that event's action. */
  behind: Map<string, string>
}

async function readPatches(containers: ContainerService, batch: EngineEvent[]): Promise<BatchPatches> {
  const ids = changedContainerIds(batch)
  if (ids.length === 0) return { patches: [], behind: new Map() }
  const expected = lastActions(batch, ids)
  try {
    const rows = await readRows(containers, ids)
    let behind: string[] = []
    for (const delay of REREAD_DELAYS_MS) {
      behind = ids.filter((id) => !rowAgreesWith(expected.get(id) ?? '', rows.get(id) ?? null))
      if (behind.length === 0) break
      await new Promise((resolve) => setTimeout(resolve, delay))
      const fresh = await readRows(containers, behind)
      for (const id of behind) {
        const r = fresh.get(id)
        if (r) rows.set(id, r)
        else rows.delete(id)
      }
    }
    behind = ids.filter((id) => !rowAgreesWith(expected.get(id) ?? '', rows.get(id) ?? null))
    // A row still behind is sent as the engine has it, except that a container the engine does
    // not list yet is not declared gone: the later reads settle it.
    const stillBehind = new Set(behind)
    const patches = ids.filter((id) => !(stillBehind.has(id) && !rows.has(id))).map((id) => ({ id, row: rows.get(id) ?? null }))
    return { patches, behind: new Map(behind.map((id) => [id, expected.get(id) ?? ''])) }
  } catch {
    // The engine went away mid-batch; the re-list after reconnect brings the truth.
    return { patches: [], behind: new Map() }
  }
}

/** Reads the lagging rows again; returns patches for those that now agree (all of them on the last try) and forgets them. */
async function rereadLagging(containers: ContainerService, lagging: Map<string, string>, last: boolean): Promise<ContainerPatch[]> {
  const ids = [...lagging.keys()]
  try {
    const rows = await readRows(containers, ids)
    const patches: ContainerPatch[] = []
    for (const id of ids) {
      const row = rows.get(id) ?? null
      if (!last && !rowAgreesWith(lagging.get(id)!, row)) continue
      patches.push({ id, row })
      lagging.delete(id)
    }
    return patches
  } catch {
    lagging.clear()
    return []
  }
}

async function readRows(containers: ContainerService, ids: string[]): Promise<Map<string, ContainerRow>> {
  return ids.length > FULL_LIST_THRESHOLD ? new Map((await containers.list()).map((r) => [r.id, r])) : containers.rows(ids)
}
