import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { computed, watchEffect } from 'vue'
import type { ContainerRow } from '../../../src-shared/contract'
import { BerthError } from '../../../src-shared/contract/errors'
import { row as containerRow } from '../testing/container-row'
import { gate, liveMain as main, request, sendPatches as send, settle, status } from '../testing/live-main'
import type { ChangesTopic } from './define-live-list'
import { PENDING_SETTLE_MS } from './pending-rows'

// The factory's own logic (subscribe, list, buffer, patch, clear, pending) against a scripted
// main; main's side and the engine are exercised by the integration suite.
vi.mock('../../api', async () => (await import('../testing/live-main')).liveApi)

// The factory takes only a topic whose patches carry its rows (the typecheck proves this line wrong).
// @ts-expect-error volumes:changes sends volume rows, not container rows
const _wrongTopic: ChangesTopic<ContainerRow> = 'volumes:changes'

const { api } = await import('../../api')
const { defineLiveList } = await import('./define-live-list')
const { acquireOnceSubscribed, acquireWithPatchesDuringList, engineBackWith, engineGone, startLiveEngine } = await import('../testing/live-store')

const useRows = defineLiveList({
  id: 'test-container-rows',
  list: (signal) => api().invokeWith(signal, 'containers:list'),
  changes: 'containers:changes',
  keyOf: (r: ContainerRow) => r.id,
})

const row = (id: string, state: ContainerRow['state'] = 'running') => containerRow({ id, state, status: state === 'running' ? 'Up 1 minute' : 'Exited (0)' })
const keys = () => [...useRows().rows.keys()].sort()

beforeEach(() => startLiveEngine([row('a')]))

describe('a live list', () => {
  it('reads its first list only after main accepted the changes subscription', async () => {
    await acquireOnceSubscribed(() => useRows().acquire())
    expect(main.listCalls).toBe(1)
    expect(keys()).toEqual(['a'])
    expect(useRows().loaded).toBe(true)
  })

  it('applies patches that arrive during the first list on top of it', async () => {
    main.list = [row('a'), row('old'), row('listed')]
    await acquireWithPatchesDuringList(() => useRows().acquire(), { key: 'old', row: null }, { key: 'new', row: row('new') }, { key: 'a', row: row('a', 'exited') })
    expect(keys()).toEqual(['a', 'listed', 'new'])
    expect(useRows().rows.get('a')?.state).toBe('exited')
  })

  it('patches its rows in place, one update per batch', async () => {
    const store = useRows()
    await store.acquire()
    // Runs once now, then once per update of the rows.
    let updates = -1
    watchEffect(() => void (store.rows, updates++), { flush: 'sync' })
    send({ key: 'a', row: row('a', 'exited') }, { key: 'b', row: row('b') }, { key: 'c', row: row('c') })
    expect(updates).toBe(1)
    expect(keys()).toEqual(['a', 'b', 'c'])
    send({ key: 'nobody', row: null })
    expect(updates).toBe(1)
  })

  it('shows nothing stale once the engine is gone', async () => {
    const store = useRows()
    await store.acquire()
    engineGone()
    expect(store.rows.size).toBe(0)
    expect(store.loaded).toBe(false)
  })

  it('lists again after a reconnect and shows rows made meanwhile', async () => {
    const store = useRows()
    await store.acquire()
    engineGone()
    main.onStatus?.(status('connecting'))
    await engineBackWith([row('a'), row('made-while-away')])
    expect(main.listCalls).toBe(2)
    expect(keys()).toEqual(['a', 'made-while-away'])
  })

  it('drops the old engine’s rows when another engine is chosen, and lists the new one’s', async () => {
    const store = useRows()
    await store.acquire()
    main.list = [row('on-other')]
    main.onStatus?.(status('connecting', 'other'))
    expect(store.rows.size).toBe(0)
    main.onStatus?.(status('connected', 'other'))
    await settle()
    expect(keys()).toEqual(['on-other'])
  })

  it('waits for the engine before listing when acquired while it is away', async () => {
    main.onStatus?.(status('disconnected'))
    const store = useRows()
    await store.acquire()
    expect(main.listCalls).toBe(0)
    main.onStatus?.(status('connected'))
    await settle()
    expect(keys()).toEqual(['a'])
  })

  it('keeps one subscription for all holders and closes it when the last one releases', async () => {
    const store = useRows()
    await Promise.all([store.acquire(), store.acquire()])
    expect(main.subscriptions).toBe(1)
    expect(main.listCalls).toBe(1)
    store.release()
    expect(main.subscriptions).toBe(1)
    store.release()
    expect(main.subscriptions).toBe(0)
    // A status after the last release lists nothing.
    main.onStatus?.(status('disconnected'))
    main.onStatus?.(status('connected'))
    await settle()
    expect(main.listCalls).toBe(1)
    await store.acquire()
    expect(main.subscriptions).toBe(1)
    expect(main.listCalls).toBe(2)
  })

  it('undoes a subscription accepted after its only holder already left', async () => {
    const g = gate()
    main.subscribeGate = g.promise
    const store = useRows()
    const acquired = store.acquire()
    store.release()
    g.open()
    await acquired
    expect(main.subscriptions).toBe(0)
    expect(main.listCalls).toBe(0)
  })

  it('reports a list that failed, and clears the report once a list works', async () => {
    const store = useRows()
    main.listGate = Promise.reject(new BerthError('ENGINE_UNREACHABLE', 'gone'))
    main.listGate.catch(() => undefined)
    await store.acquire()
    expect(store.loadError).toMatchObject({ code: 'ENGINE_UNREACHABLE' })
    main.listGate = null
    await store.relist()
    expect(store.loadError).toBeNull()
    expect(keys()).toEqual(['a'])
  })

  it('says a list is on its way while it waits, and a cancelled one fails with CANCELLED until listed again', async () => {
    const store = useRows()
    const g = gate()
    main.listGate = g.promise
    const acquired = store.acquire()
    await vi.waitFor(() => expect(store.listing).toBe(true))
    store.cancelList()
    await acquired
    expect(store.listing).toBe(false)
    expect(store.loadError).toMatchObject({ code: 'CANCELLED' })
    g.open()
    main.listGate = null
    await store.relist()
    expect(store.loadError).toBeNull()
    expect(keys()).toEqual(['a'])
  })

  it('shows a row Berth already has (a create’s answer) without waiting for main', async () => {
    const store = useRows()
    await store.acquire()
    store.apply([{ key: 'made', row: row('made') }])
    expect(keys()).toEqual(['a', 'made'])
  })
})

describe('a live list’s extension', () => {
  const useCounted = defineLiveList({ id: 'test-counted-rows', list: () => api().invoke('containers:list'), changes: 'containers:changes', keyOf: (r: ContainerRow) => r.id }, (live) => ({
    running: computed(() => [...live.rows.value.values()].filter((r) => r.state === 'running').length),
  }))

  it('derives state from the rows in the same store, following every patch', async () => {
    const store = useCounted()
    await store.acquire()
    expect(store.running).toBe(1)
    send({ key: 'b', row: row('b') })
    expect(store.running).toBe(2)
    send({ key: 'a', row: row('a', 'exited') })
    expect(store.running).toBe(1)
  })
})

describe('a live list’s pending rows', () => {
  beforeEach(() => void vi.useFakeTimers())
  afterEach(() => void vi.useRealTimers())

  it('keeps a row pending (its Stop disabled) after the request returns, until its new state arrives', async () => {
    const store = useRows()
    await store.acquire()
    const stop = request()
    const done = store.run('a', () => stop.promise)
    expect(store.isPending('a')).toBe(true)
    stop.resolve()
    await done
    expect(store.isPending('a')).toBe(true)
    send({ key: 'b', row: row('b') })
    expect(store.isPending('a')).toBe(true)
    send({ key: 'a', row: row('a', 'exited') })
    expect(store.isPending('a')).toBe(false)
    expect(store.rows.get('a')?.state).toBe('exited')
  })

  it('does not take a patch during the request for its effect (a restart’s stop comes before its start)', async () => {
    const store = useRows()
    await store.acquire()
    const restart = request()
    const done = store.run('a', () => restart.promise)
    send({ key: 'a', row: row('a', 'exited') })
    restart.resolve()
    await done
    expect(store.isPending('a')).toBe(true)
    send({ key: 'a', row: row('a', 'running') })
    expect(store.isPending('a')).toBe(false)
  })

  it('clears a row’s pending state at once when its request fails, and passes the error on', async () => {
    const store = useRows()
    await store.acquire()
    const stop = request()
    const done = store.run('a', () => stop.promise)
    stop.reject(new BerthError('CONFLICT', 'no'))
    await expect(done).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(store.isPending('a')).toBe(false)
  })

  it('clears a row’s pending state after the settle time when the engine reports no change (a stop of a stopped container)', async () => {
    const store = useRows()
    await store.acquire()
    await store.run('a', async () => undefined)
    expect(store.isPending('a')).toBe(true)
    await vi.advanceTimersByTimeAsync(PENDING_SETTLE_MS)
    expect(store.isPending('a')).toBe(false)
  })

  it('keeps a row pending while a second request on it is still out', async () => {
    const store = useRows()
    await store.acquire()
    const first = request()
    const second = request()
    const one = store.run('a', () => first.promise)
    const two = store.run('a', () => second.promise)
    first.resolve()
    await one
    send({ key: 'a', row: row('a', 'exited') })
    expect(store.isPending('a')).toBe(true)
    second.reject(new Error('refused'))
    await two.catch(() => undefined)
    expect(store.isPending('a')).toBe(false)
  })

  it('ends a row’s pending state with the list that shows its new state, when the patch came during that list', async () => {
    const store = useRows()
    await store.acquire()
    await store.run('a', async () => undefined)
    const g = gate()
    main.listGate = g.promise
    const relisted = store.relist()
    send({ key: 'a', row: row('a', 'exited') })
    expect(store.isPending('a')).toBe(true)
    g.open()
    await relisted
    expect(store.isPending('a')).toBe(false)
    expect(store.rows.get('a')?.state).toBe('exited')
  })

  it('marks several rows for one request, each cleared by its own news', async () => {
    const store = useRows()
    main.list = [row('a'), row('b')]
    await store.acquire()
    await store.run(['a', 'b'], async () => undefined)
    send({ key: 'a', row: null })
    expect([...store.pending]).toEqual(['b'])
  })
})
