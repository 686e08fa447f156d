/**
 * One live list per resource, the same way for all: listed after its `*:changes` subscription
 * is accepted, patched from main, listed again after every reconnect or engine switch, and
 * empty while the engine is gone. Rows wait (pending) for their request's effect, not its answer.
 *
 * Usage, e.g. in a volumes store:
 *
 *   const useVolumeRows = defineLiveList({
 *     id: 'volume-rows',
 *     list: (signal) => api().invokeWith(signal, 'volumes:list'),
 *     changes: 'volumes:changes',
 *     keyOf: (v: VolumeRow) => v.name,
 *   })
 *   const live = useVolumeRows()
 *   // a screen:   onMounted(() => void live.acquire()); onUnmounted(() => live.release())
 *   //             (a list the whole app shows, like containers, acquires once and keeps it)
 *   // a getter:   computed(() => visibleVolumes(live.rows.values(), query.value))
 *   // waiting:    <ListPlaceholder :waiting="live.listing" @cancel="live.cancelList()" …/>
 *   // an action:  await live.run(name, () => api().invoke('volumes:remove', { name }))
 *   // a view:     :disabled="live.isPending(row.name)" until the row's new state arrives
 *   // a result:   live.apply([{ key: row.name, row }]) shows the row a create returned at once
 */
import { defineStore } from 'pinia'
import { ref, shallowRef, triggerRef } from 'vue'
import type { BerthErrorShape, ConnectionStatus, MessageOf, RowPatch, TopicName } from '../../../src-shared/contract'
import { toErrorShape } from '../../../src-shared/contract/errors'
import { api } from '../../api'
import { useEngineStore } from '../stores/engine'
import { PENDING_SETTLE_MS, PendingRows, type PendingHold } from './pending-rows'
import { applyRowPatches } from './row-patches'

/** The topics that send batches of this row's patches. */
export type ChangesTopic<Row> = { [K in TopicName]: MessageOf<K> extends RowPatch<Row>[] ? K : never }[TopicName]

export interface LiveListOptions<Row> {
  /** The Pinia store id. */
  id: string
  /** Every row, as the list request answers; `signal` aborts cancel it. */
  list: (signal: AbortSignal) => Promise<Row[]>
  /** The topic whose messages are batches of RowPatch<Row>. */
  changes: ChangesTopic<Row>
  /** How main keys the rows in its patches. */
  keyOf: (row: Row) => string
  /** How long a row stays pending after a request that succeeded when no news follows; default PENDING_SETTLE_MS. */
  settleMs?: number
}

interface Buffered<Row> {
  patches: RowPatch<Row>[]
  /** The pending holds these patches answer, ended once they show. */
  answered: PendingHold[]
}

/** How a request on one row ended. */
type Attempt = { ok: true } | { ok: false; error: BerthErrorShape }

/**
 * A row's outcome as a store reports it: named by the row's key field (`id`, `key`, `name`),
 * ok, or the error the request failed with.
 */
export type RowOutcome<K extends string> = Record<K, string> & { ok: boolean; error?: BerthErrorShape }

/** What a live list holds and does, as its refs (an extension reads them with `.value`). */
export type LiveList<Row> = ReturnType<typeof liveList<Row>>

/**
 * The live list's Pinia store. `extend` adds what a screen derives from the rows (a query, the
 * sorted items, actions built on `run`) to the same store, so views read one store.
 */
export function defineLiveList<Row, Extra extends object = Record<never, never>>(options: LiveListOptions<Row>, extend?: (live: LiveList<Row>) => Extra) {
  return defineStore(options.id, () => {
    const live = liveList(options)
    return { ...live, ...(extend ? extend(live) : ({} as Extra)) }
  })
}

function liveList<Row>(options: LiveListOptions<Row>) {
  const engine = useEngineStore()
  // A Map in a shallowRef: patches mutate it in place and trigger once per batch.
  const rows = shallowRef(new Map<string, Row>())
  const loaded = ref(false)
  const loadError = ref<BerthErrorShape | null>(null)
  /** A list request is on its way (the screen says so once it takes a while). */
  const listing = ref(false)
  let listCancel: AbortController | null = null
  const pending = shallowRef<ReadonlySet<string>>(new Set())
  const holds = new PendingRows((keys) => (pending.value = keys), options.settleMs ?? PENDING_SETTLE_MS)
  // Patches that arrive while a list is read, applied on top of it.
  let buffered: Buffered<Row>[] | null = null
  let generation = 0
  // The engine the rows came from: another one's status makes them stale.
  let listedFrom: string | null = null
  let holders = 0
  let session = 0
  let ready: Promise<void> = Promise.resolve()
  let unsubscribe: (() => void) | null = null
  let offStatus: (() => void) | null = null

  function show(patches: readonly RowPatch<Row>[], answered: readonly PendingHold[]): void {
    if (loaded.value && applyRowPatches(rows.value, patches)) triggerRef(rows)
    holds.end(answered)
  }

  function onPatches(patches: RowPatch<Row>[]): void {
    const answered = holds.answeredBy(patches.map((p) => p.key))
    if (buffered) buffered.push({ patches, answered })
    else show(patches, answered)
  }

  function takeBuffered(): Buffered<Row>[] {
    const out = buffered ?? []
    buffered = null
    return out
  }

  async function relist(): Promise<void> {
    const mine = ++generation
    const from = engine.status?.endpoint?.id ?? null
    buffered = []
    // A newer list makes the one still waiting pointless: main may stop it.
    listCancel?.abort()
    const cancel = new AbortController()
    listCancel = cancel
    listing.value = true
    try {
      const list = await options.list(cancel.signal)
      if (mine !== generation) return
      const next = new Map(list.map((r) => [options.keyOf(r), r]))
      const late = takeBuffered()
      for (const b of late) applyRowPatches(next, b.patches)
      rows.value = next
      loaded.value = true
      loadError.value = null
      listedFrom = from
      for (const b of late) holds.end(b.answered)
    } catch (err) {
      if (mine !== generation) return
      loadError.value = toErrorShape(err)
      // What arrived meanwhile still holds for the rows on screen.
      for (const b of takeBuffered()) show(b.patches, b.answered)
    } finally {
      if (listCancel === cancel) {
        listCancel = null
        listing.value = false
      }
    }
  }

  /** The person stops waiting for the list: main cancels it, and the list fails with CANCELLED (Retry lists again). */
  function cancelList(): void {
    listCancel?.abort()
  }

  function clear(): void {
    generation++
    buffered = null
    listedFrom = null
    rows.value = new Map()
    loaded.value = false
    holds.endSettling()
  }

  // Every (re)connection lists again; an engine gone or switched leaves nothing stale on screen.
  function follow(next: ConnectionStatus, previous: ConnectionStatus | null): void {
    if (next.state === 'disconnected' || (listedFrom !== null && next.endpoint?.id !== listedFrom)) clear()
    if (next.state !== 'connected') return
    // The first word on the connection: the list made on acquiring may be on its way already.
    const needed = previous === null ? !loaded.value && buffered === null : previous.state !== 'connected' || previous.endpoint?.id !== next.endpoint?.id || !loaded.value
    if (needed) void relist()
  }

  async function open(mine: number): Promise<void> {
    offStatus = engine.onStatus(follow)
    buffered = []
    try {
      // Subscribe first: main's patches then cover everything after the list is read.
      const off = await api().subscribe(options.changes, undefined as never, (m) => onPatches(m as RowPatch<Row>[]), onEnd)
      if (mine !== session) return off()
      unsubscribe = off
    } catch (err) {
      if (mine !== session) return
      buffered = null
      loadError.value = toErrorShape(err)
      return
    }
    if (engine.status === null || engine.status.state === 'connected') await relist()
    else buffered = null
  }

  function onEnd(error?: BerthErrorShape): void {
    unsubscribe = null
    if (error) loadError.value = error
  }

  /** A holder (a screen) needs the list: the first one subscribes and lists. Resolves once listed. */
  function acquire(): Promise<void> {
    if (holders++ === 0) ready = open(++session)
    return ready
  }

  /** A holder is done: after the last one the subscription closes (rows stay until the next list). */
  function release(): void {
    if (holders === 0 || --holders > 0) return
    session++
    unsubscribe?.()
    unsubscribe = null
    offStatus?.()
    offStatus = null
    generation++
    buffered = null
    holds.endSettling()
  }

  /**
   * Runs a request on rows: they are pending until their new state arrives after it succeeded
   * (or the settle time passes without news), and no longer at once when it fails. Answers
   * the request's result, or throws its error.
   */
  async function run<T>(keys: string | readonly string[], request: () => Promise<T>): Promise<T> {
    const mine = holds.begin(typeof keys === 'string' ? [keys] : keys)
    let result: T
    try {
      result = await request()
    } catch (err) {
      holds.end(mine)
      throw err
    }
    holds.succeeded(mine)
    return result
  }

  /** run() on one row that answers how it ended instead of throwing: what a list screen reports per row. */
  async function attempt(key: string, request: () => Promise<unknown>): Promise<Attempt> {
    try {
      await run(key, request)
      return { ok: true }
    } catch (err) {
      return { ok: false, error: toErrorShape(err) }
    }
  }

  function isPending(key: string): boolean {
    return pending.value.has(key)
  }

  /** Shows rows Berth knows already (a create's answer) before main's patch repeats them; ends no pending state. */
  function apply(patches: readonly RowPatch<Row>[]): void {
    if (buffered) buffered.push({ patches: [...patches], answered: [] })
    else show(patches, [])
  }

  return { rows, loaded, loadError, listing, pending, acquire, release, relist, cancelList, run, attempt, isPending, apply }
}
