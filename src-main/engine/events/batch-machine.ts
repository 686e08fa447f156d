import type { ContainerRow } from '../../../src-shared/contract/containers'
import type { ContainerPatch, EngineEvent, EventBatch } from '../../../src-shared/contract/events'
import type { Machine } from '../../streams/machine-runner'
import { lastActions, rowAgreesWith } from '../row-agreement'
import { changedContainerIds } from './engine-event'

/** How long events gather before one batch is sent: a burst becomes one render. */
export const EVENT_BATCH_MS = 30
/** Waits before reading again a row that does not yet show its event's effect (see row-agreement.ts). */
export const REREAD_DELAYS_MS = [20, 50, 100, 250] as const
/** Then, for rows still behind (a loaded engine can take seconds), later reads off the batch's path. */
export const LAG_DELAYS_MS = [500, 1500, 4000] as const

export type BatchTimer = 'gather' | 'reread' | 'lag'

/** A batch whose rows are being read: what each container's row should show, and what was read so far. */
interface BatchRead {
  events: EngineEvent[]
  ids: string[]
  /** The last row-changing action per container. */
  expected: Map<string, string>
  rows: Map<string, ContainerRow>
  /** Re-reads done so far (up to REREAD_DELAYS_MS.length). */
  rereads: number
  /** The ids of the read under way or next. */
  asked: string[]
}

/** What the one reader is doing: reads run one at a time, in the order they were queued. */
export type BatchState =
  | { phase: 'idle' }
  | { phase: 'reading-rows'; read: BatchRead }
  /** Some rows still showed the state from before their event: a short wait, then read those again. */
  | { phase: 'waiting-to-reread'; read: BatchRead }
  /** Rows that were still behind after their batch, read again off the batch's path. */
  | { phase: 'rereading-lagging'; ids: string[]; last: boolean }
  | { phase: 'closed' }

type Job = { kind: 'batch'; events: EngineEvent[] } | { kind: 'lagging' }

export type BatchInput =
  | { type: 'event'; event: EngineEvent }
  | { type: 'timer'; timer: BatchTimer }
  | { type: 'rows'; rows: Map<string, ContainerRow> }
  /** The read failed (the engine went away mid-batch; the re-list after reconnect brings the truth). */
  | { type: 'rows-failed' }
  /** The source is closed; its driver clears its timers, so this has no effects. */
  | { type: 'close' }

export type BatchEffect =
  /** Start (or restart) the named timer; it comes back as a `timer` input. */
  { type: 'set-timer'; timer: BatchTimer; ms: number } | { type: 'read-rows'; ids: string[] } | { type: 'emit'; batch: EventBatch }

/**
 * Engine events → EventBatches with the fresh rows of the containers they changed. Events gather
 * for EVENT_BATCH_MS; each batch's rows are read, and read again (REREAD_DELAYS_MS) while one
 * still shows the state from before its event, since dockerd sends some events before it saves
 * the container. A row still behind after that is sent as the engine has it, except that a
 * container the engine does not list yet is not declared gone; it is read again later
 * (LAG_DELAYS_MS) and sent once it agrees, or as the last try finds it. A newer event for the
 * container supersedes that. Every field changes only in `transition`.
 */
export class BatchMachine implements Machine<BatchInput, BatchEffect> {
  private current: BatchState = { phase: 'idle' }
  /** Events gathering for the next batch (the gather timer runs while there are any). */
  private gathering: EngineEvent[] = []
  private queue: Job[] = []
  /** Containers whose row still disagreed with their event after a batch: id → that event's action. */
  private lagging = new Map<string, string>()
  private lagAttempt = 0

  get state(): BatchState {
    return this.current
  }

  /** Containers waiting for a later re-read, and the action their row should show. */
  get laggingRows(): ReadonlyMap<string, string> {
    return this.lagging
  }

  transition(input: BatchInput): BatchEffect[] {
    const s = this.current
    if (s.phase === 'closed') return []
    const effects: BatchEffect[] = []
    switch (input.type) {
      case 'event':
        this.gathering.push(input.event)
        if (this.gathering.length === 1) effects.push({ type: 'set-timer', timer: 'gather', ms: EVENT_BATCH_MS })
        return effects
      case 'timer':
        if (input.timer === 'gather') {
          if (this.gathering.length === 0) return effects
          this.queue.push({ kind: 'batch', events: this.gathering })
          this.gathering = []
        } else if (input.timer === 'lag') {
          this.queue.push({ kind: 'lagging' })
        } else {
          if (s.phase !== 'waiting-to-reread') return effects
          this.current = { phase: 'reading-rows', read: s.read }
          effects.push({ type: 'read-rows', ids: s.read.asked })
          return effects
        }
        if (s.phase === 'idle') this.startNext(effects)
        return effects
      case 'rows':
      case 'rows-failed':
        if (s.phase === 'reading-rows') this.batchRead(s.read, input.type === 'rows' ? input.rows : null, effects)
        else if (s.phase === 'rereading-lagging') this.laggingRead(s.ids, s.last, input.type === 'rows' ? input.rows : null, effects)
        else return effects
        if (this.current.phase === 'idle') this.startNext(effects)
        return effects
      case 'close':
        this.current = { phase: 'closed' }
        this.gathering = []
        this.queue = []
        this.lagging.clear()
        return []
    }
  }

  /** Starts the next queued job, if any (a job with nothing to read finishes at once). Called by `transition` only. */
  private startNext(effects: BatchEffect[]): void {
    for (let job = this.queue.shift(); job; job = this.queue.shift()) {
      if (job.kind === 'batch') {
        const ids = changedContainerIds(job.events)
        // A newer event for a lagging container supersedes its later re-read.
        for (const id of ids) this.lagging.delete(id)
        if (ids.length === 0) {
          effects.push({ type: 'emit', batch: { events: job.events, containers: [] } })
          continue
        }
        const read: BatchRead = { events: job.events, ids, expected: lastActions(job.events, ids), rows: new Map(), rereads: 0, asked: ids }
        this.current = { phase: 'reading-rows', read }
        effects.push({ type: 'read-rows', ids })
        return
      }
      if (this.lagging.size === 0) continue
      const ids = [...this.lagging.keys()]
      const last = ++this.lagAttempt >= LAG_DELAYS_MS.length
      this.current = { phase: 'rereading-lagging', ids, last }
      effects.push({ type: 'read-rows', ids })
      return
    }
    this.current = { phase: 'idle' }
  }

  /** A batch's rows came (null: the read failed): read again what is behind, or send the batch. Called by `transition` only. */
  private batchRead(read: BatchRead, rows: Map<string, ContainerRow> | null, effects: BatchEffect[]): void {
    if (!rows) {
      effects.push({ type: 'emit', batch: { events: read.events, containers: [] } })
      this.current = { phase: 'idle' }
      return
    }
    for (const id of read.asked) {
      const row = rows.get(id)
      if (row) read.rows.set(id, row)
      else read.rows.delete(id)
    }
    const behind = read.ids.filter((id) => !rowAgreesWith(read.expected.get(id) ?? '', read.rows.get(id) ?? null))
    if (behind.length > 0 && read.rereads < REREAD_DELAYS_MS.length) {
      const delay = REREAD_DELAYS_MS[read.rereads]!
      this.current = { phase: 'waiting-to-reread', read: { ...read, rereads: read.rereads + 1, asked: behind } }
      effects.push({ type: 'set-timer', timer: 'reread', ms: delay })
      return
    }
    // A row still behind is sent as the engine has it, except that a container the engine does
    // not list yet is not declared gone: the later reads settle it.
    const stillBehind = new Set(behind)
    const containers: ContainerPatch[] = read.ids.filter((id) => !(stillBehind.has(id) && !read.rows.has(id))).map((id) => ({ id, row: read.rows.get(id) ?? null }))
    effects.push({ type: 'emit', batch: { events: read.events, containers } })
    if (behind.length > 0) {
      for (const id of behind) this.lagging.set(id, read.expected.get(id) ?? '')
      this.lagAttempt = 0
      effects.push({ type: 'set-timer', timer: 'lag', ms: LAG_DELAYS_MS[0] })
    }
    this.current = { phase: 'idle' }
  }

  /** The lagging rows came (null: the read failed): send those that agree now (all of them on the last try). Called by `transition` only. */
  private laggingRead(ids: string[], last: boolean, rows: Map<string, ContainerRow> | null, effects: BatchEffect[]): void {
    this.current = { phase: 'idle' }
    if (!rows) {
      this.lagging.clear()
      return
    }
    const containers: ContainerPatch[] = []
    for (const id of ids) {
      const row = rows.get(id) ?? null
      if (!last && !rowAgreesWith(this.lagging.get(id)!, row)) continue
      containers.push({ id, row })
      this.lagging.delete(id)
    }
    if (containers.length > 0) effects.push({ type: 'emit', batch: { events: [], containers } })
    if (this.lagging.size > 0 && !last) effects.push({ type: 'set-timer', timer: 'lag', ms: LAG_DELAYS_MS[this.lagAttempt]! })
    else this.lagging.clear()
  }
}
