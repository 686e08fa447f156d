import { beforeEach, describe, expect, it, vi } from 'vitest'
import { BerthError } from '../../../src-shared/contract/errors'
import { row } from '../../shared/testing/container-row'
import { liveMain, request, sendPatches, settle, status } from '../../shared/testing/live-main'

// The store's own logic (its live list, items, actions) against a scripted main; the engine
// itself is exercised by the integration and end-to-end suites.
vi.mock('../../api', async () => (await import('../../shared/testing/live-main')).liveApi)

const { useContainersStore } = await import('./containers-store')
const { acquireOnceSubscribed, acquireWithPatchesDuringList, engineBackWith, engineGone, startLiveEngine } = await import('../../shared/testing/live-store')

const keys = () => [...useContainersStore().rows.keys()].sort()

// The shell starts the containers store before the engine's first status arrives.
beforeEach(() => startLiveEngine([row({ id: 'a', name: 'web' })], { connected: false }))

describe('containers store at start-up', () => {
  it('lists before the first engine status arrives, and not again when it says connected', async () => {
    await useContainersStore().start()
    expect(liveMain.listCalls).toBe(1)
    liveMain.onStatus?.(status('connected'))
    await settle()
    expect(liveMain.listCalls).toBe(1)
    expect(keys()).toEqual(['a'])
  })

  it('reads the list only after main accepted the containers:changes subscription, so no change falls between them', async () => {
    await acquireOnceSubscribed(() => {
      const started = useContainersStore().start()
      liveMain.onStatus?.(status('connected'))
      return started
    })
    expect(liveMain.listCalls).toBe(1)
    expect(keys()).toEqual(['a'])
  })

  it('keeps the patches that arrive while the first list is read', async () => {
    liveMain.list = [row({ id: 'a', name: 'web' }), row({ id: 'old' }), row({ id: 'x', name: 'listed' })]
    await acquireWithPatchesDuringList(() => useContainersStore().start(), { key: 'old', row: null }, { key: 'new', row: row({ id: 'new' }) })
    expect(keys()).toEqual(['a', 'new', 'x'])
  })

  it('holds one subscription however often the shell starts it', async () => {
    const store = useContainersStore()
    await Promise.all([store.start(), store.start()])
    expect(liveMain.subscriptions).toBe(1)
    expect(liveMain.listCalls).toBe(1)
  })
})

describe('containers store', () => {
  beforeEach(async () => {
    liveMain.onStatus?.(status('connected'))
    await useContainersStore().start()
  })

  it('follows patches into its sorted items', () => {
    const store = useContainersStore()
    sendPatches({ key: 'a', row: row({ id: 'a', name: 'web', state: 'exited' }) }, { key: 'b', row: row({ id: 'b' }) })
    expect(store.rows.get('a')?.state).toBe('exited')
    expect(store.items.map((i) => i.key)).toEqual(['b', 'a'])
    expect(store.total).toBe(2)
  })

  it('keeps a stopped row pending (its Stop disabled) after the request returns, until its new state arrives', async () => {
    const store = useContainersStore()
    const stop = request()
    liveMain.answer = () => stop.promise
    const outcome = store.act('a', 'stop')
    expect(store.pending.has('a')).toBe(true)
    stop.resolve()
    expect(await outcome).toEqual({ id: 'a', ok: true })
    expect(liveMain.invoked).toEqual([{ channel: 'containers:stop', params: { id: 'a' } }])
    expect(store.pending.has('a')).toBe(true)
    sendPatches({ key: 'a', row: row({ id: 'a', name: 'web', state: 'exited' }) })
    expect(store.pending.has('a')).toBe(false)
  })

  it('reports a refused action as its outcome and ends the row’s pending state at once', async () => {
    const store = useContainersStore()
    liveMain.answer = async () => {
      throw new BerthError('CONFLICT', 'in use')
    }
    const [outcome] = await store.actMany(['a'], 'remove', { force: true })
    expect(outcome).toMatchObject({ id: 'a', ok: false, error: { code: 'CONFLICT' } })
    expect(liveMain.invoked).toEqual([{ channel: 'containers:remove', params: { id: 'a', force: true, volumes: false } }])
    expect(store.pending.has('a')).toBe(false)
  })

  it('finds a container by id, name or id prefix', () => {
    sendPatches({ key: 'b'.repeat(64), row: row({ id: 'b'.repeat(64), name: 'db' }) })
    const store = useContainersStore()
    expect(store.byId('web')?.id).toBe('a')
    expect(store.byId('b'.repeat(12))?.name).toBe('db')
    expect(store.byId('nobody')).toBeUndefined()
  })

  it('shows nothing stale once the engine is gone', () => {
    const store = useContainersStore()
    engineGone()
    expect(store.rows.size).toBe(0)
    expect(store.loaded).toBe(false)
  })

  it('re-lists after a reconnect and shows containers created meanwhile', async () => {
    const store = useContainersStore()
    engineGone()
    liveMain.onStatus?.(status('connecting'))
    await engineBackWith([row({ id: 'a', name: 'web' }), row({ id: 'c', name: 'made-while-away' })])
    expect(liveMain.listCalls).toBe(2)
    expect([...store.rows.values()].map((r) => r.name).sort()).toEqual(['made-while-away', 'web'])
  })
})
