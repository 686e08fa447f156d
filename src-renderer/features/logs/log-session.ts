import { computed, onScopeDispose, ref, shallowRef } from 'vue'
import type { BerthErrorShape, LogLine, LogMessage } from '../../../src-shared/contract'
import { toErrorShape } from '../../../src-shared/contract/errors'
import { api } from '../../api'
import { DEFAULT_LOG_CAP, LogLineStore } from './log-store'
import { eventEntry, lineEntry, olderThan, type LogEntry } from './log-entry'
import { LogMerger, mergeSorted } from './log-merge'
import { nextTask } from './next-task'

export interface LogSourceRef {
  /** Container id (or name) as the engine knows it. */
  id: string
  /** What the view shows for it. */
  name: string
}

export interface LogRange {
  tail: number | 'all'
  since?: string
  until?: string
}

export const DEFAULT_TAIL = 1000
const OLDER_PAGE = 1000
const RENDER_GAP_MS = 100
// More lines than this since the last drawing is a flood nobody reads line by line: drawing it
// four times a second instead of ten halves the page's (and the compositor's) work for it.
const FLOOD_LINES = 1000
const FLOOD_GAP_MS = 250

export type LogSessionState = 'connecting' | 'live' | 'done' | 'error'

/**
 * The log subscription(s) behind one view: subscribes on start, unsubscribes when the calling
 * component's scope goes (or on restart with a new range). Lines go into a bounded LogLineStore;
 * `version` ticks at most once per frame so a flood is one render per frame.
 */
export function useLogSession(sources: readonly LogSourceRef[], cap = DEFAULT_LOG_CAP) {
  const buffer = new LogLineStore(cap)
  const version = ref(0)
  const state = ref<LogSessionState>('connecting')
  const error = ref<BerthErrorShape | null>(null)
  const stopped = ref(false)
  const removed = ref(false)
  const range = shallowRef<LogRange>({ tail: DEFAULT_TAIL })
  const hasOlder = ref(false)
  const loadingOlder = ref(false)

  let generation = 0
  let unsubscribers: (() => void)[] = []
  let merger: LogMerger<LogEntry> | null = null
  let mergeTimer: ReturnType<typeof setTimeout> | null = null
  let frame: number | null = null
  let ended = 0
  // Lines each stream sent: a stream that sent fewer than its tail had no older ones.
  let received: number[] = sources.map(() => 0)
  const tailFilled = ref(false)
  const listeners = new Set<() => void>()

  // A few lines show on the next frame; more are drawn at most every RENDER_GAP_MS (a flood every
  // FLOOD_GAP_MS), so the page spends its time on input rather than on rows that scroll past unread.
  let lastRender = -Infinity
  let renderedTo = 0
  let gapTimer: ReturnType<typeof setTimeout> | null = null
  function changed(): void {
    if (frame !== null || gapTimer !== null) return
    const gap = buffer.nextId - renderedTo > FLOOD_LINES ? FLOOD_GAP_MS : RENDER_GAP_MS
    const wait = lastRender + gap - performance.now()
    if (wait > 0) {
      gapTimer = setTimeout(() => {
        gapTimer = null
        changed()
      }, wait)
      return
    }
    // Vue patches the rows in a task of its own right after this frame; the browser lays them out
    // and paints them in the next one. Two short tasks instead of one long one under a flood.
    frame = requestAnimationFrame(() => {
      void nextTask().then(() => {
        frame = null
        lastRender = performance.now()
        renderedTo = buffer.nextId
        version.value = buffer.version
        for (const l of listeners) l()
      })
    })
  }

  function add(entries: LogEntry[]): void {
    if (entries.length === 0) return
    buffer.append(entries)
    changed()
  }

  function drainMerger(): void {
    if (!merger) return
    if (mergeTimer !== null) clearTimeout(mergeTimer)
    mergeTimer = null
    add(merger.take(performance.now()))
    const due = merger.nextDue(performance.now())
    if (due !== null) mergeTimer = setTimeout(drainMerger, due)
  }

  function receive(source: number, gen: number, message: LogMessage): void {
    if (gen !== generation) return
    state.value = state.value === 'connecting' ? 'live' : state.value
    let entries: LogEntry[]
    if (message.kind === 'lines') {
      entries = message.lines.map((l: LogLine) => lineEntry(l, source))
      received[source] = (received[source] ?? 0) + entries.length
      const tail = range.value.tail
      if (tail !== 'all' && (received[source] as number) >= tail) tailFilled.value = true
    } else if (message.kind === 'lifecycle') {
      if (message.event === 'stopped') stopped.value = true
      else if (message.event === 'restarted') stopped.value = false
      entries = [eventEntry(message.event, message.time, source)]
    } else if (message.kind === 'skipped') {
      entries = [eventEntry('skipped', message.after, source)]
    } else {
      if (message.reason === 'removed') removed.value = true
      finish(source, gen)
      return
    }
    if (merger) {
      merger.push(source, entries, performance.now())
      drainMerger()
    } else add(entries)
  }

  function finish(source: number, gen: number): void {
    if (gen !== generation) return
    merger?.end(source)
    drainMerger()
    if (++ended === sources.length && state.value !== 'error') state.value = 'done'
  }

  function close(): void {
    generation++
    for (const u of unsubscribers) u()
    unsubscribers = []
    if (mergeTimer !== null) clearTimeout(mergeTimer)
    mergeTimer = null
    if (frame !== null) cancelAnimationFrame(frame)
    frame = null
    if (gapTimer !== null) clearTimeout(gapTimer)
    gapTimer = null
  }

  /** (Re)opens the streams with a range; what was shown is cleared. */
  async function open(next: LogRange = range.value): Promise<void> {
    close()
    const gen = generation
    range.value = next
    buffer.clear()
    buffer.dropped = 0
    ended = 0
    received = sources.map(() => 0)
    tailFilled.value = false
    state.value = 'connecting'
    error.value = null
    stopped.value = false
    removed.value = false
    hasOlder.value = next.tail !== 'all'
    merger = sources.length > 1 ? new LogMerger<LogEntry>(sources.length, performance.now()) : null
    changed()
    const follow = next.until === undefined
    await Promise.all(
      sources.map(async (s, k) => {
        try {
          const unsubscribe = await api().subscribe(
            'logs:lines',
            { id: s.id, tail: next.tail, since: next.since, until: next.until, stdout: true, stderr: true, follow },
            (m) => receive(k, gen, m),
            (e) => {
              if (e && gen === generation) {
                error.value = e
                state.value = 'error'
              }
              finish(k, gen)
            },
          )
          if (gen !== generation) return unsubscribe()
          unsubscribers.push(unsubscribe)
          if (state.value === 'connecting') state.value = 'live'
        } catch (err) {
          if (gen !== generation) return
          error.value = toErrorShape(err)
          state.value = 'error'
          finish(k, gen)
        }
      }),
    )
  }

  /** Reads the page of lines before the oldest one shown, from every source, and puts it on top. */
  async function loadOlder(): Promise<void> {
    const oldest = buffer.at(0)
    if (!hasOlder.value || loadingOlder.value || !oldest) return
    const gen = generation
    loadingOlder.value = true
    try {
      const pages = await Promise.all(
        sources.map(async (s, k) =>
          (await api().invoke('logs:read', { id: s.id, until: oldest.time, since: range.value.since, stdout: true, stderr: true, tail: OLDER_PAGE })).map((l) => lineEntry(l, k)),
        ),
      )
      if (gen !== generation) return
      const shown: LogEntry[] = []
      buffer.forEachId(buffer.firstId, buffer.firstId + 64, (e) => shown.push(e))
      const merged = olderThan(mergeSorted(pages), shown)
      const page = merged.slice(Math.max(0, merged.length - OLDER_PAGE))
      const taken = buffer.prepend(page)
      hasOlder.value = pages.some((p) => p.length >= OLDER_PAGE) && taken === page.length && page.length > 0
      changed()
    } catch (err) {
      if (gen === generation) error.value = toErrorShape(err)
    } finally {
      if (gen === generation) loadingOlder.value = false
    }
  }

  /** Empties the view; the streams go on. */
  function clearView(): void {
    buffer.clear()
    buffer.dropped = 0
    hasOlder.value = false
    changed()
  }

  /** Whether older lines may exist before the first one shown. */
  const canLoadOlder = computed(() => hasOlder.value && (tailFilled.value || (version.value, buffer.firstId < 0)))

  /** Called (once per frame at most) after the buffer changed. */
  function onChange(listener: () => void): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }

  onScopeDispose(() => {
    close()
    listeners.clear()
  })

  return { sources, buffer, version, state, error, stopped, removed, range, hasOlder, canLoadOlder, loadingOlder, open, loadOlder, clearView, onChange }
}
