import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { NetworkRow } from '../../../src-shared/contract'
import { gate, liveMain, resetLiveMain, sendPatches, settle, status } from '../../shared/testing/live-main'

// The store's own logic (its live list and its order) against a scripted main.
vi.mock('../../api', async () => (await import('../../shared/testing/live-main')).liveApi)

const { useNetworksStore } = await import('./networks-store')
const { useEngineStore } = await import('../../shared/stores/engine')

const network = (name: string, builtin = false): NetworkRow => ({
  id: `id-${name}`,
  name,
  driver: 'bridge',
  scope: 'local',
  internal: false,
  attachable: false,
  ipv6: false,
  created: '2024-01-01T00:00:00Z',
  labels: {},
  subnets: [],
  containers: [],
  builtin,
})
const names = () => useNetworksStore().all.map((n) => n.name)

beforeEach(async () => {
  setActivePinia(createPinia())
  resetLiveMain([network('bridge', true), network('web')])
  await useEngineStore().start()
  liveMain.onStatus?.(status('connected'))
})

describe('networks store', () => {
  it('reads its first list only after main accepted the networks:changes subscription', async () => {
    const accepted = gate()
    liveMain.subscribeGate = accepted.promise
    const acquired = useNetworksStore().acquire()
    await settle()
    expect(liveMain.listCalls).toBe(0)
    accepted.open()
    await acquired
    expect(names()).toEqual(['bridge', 'web'])
  })

  it('keeps the patches that arrive while the list is read', async () => {
    const listed = gate()
    liveMain.listGate = listed.promise
    const acquired = useNetworksStore().acquire()
    await settle()
    sendPatches({ key: 'id-web', row: null }, { key: 'id-db', row: network('db') })
    listed.open()
    await acquired
    expect(names()).toEqual(['bridge', 'db'])
  })

  it('puts a network created later in the list’s order: built-in ones first, then by name', async () => {
    await useNetworksStore().acquire()
    sendPatches({ key: 'id-app', row: network('app') }, { key: 'id-host', row: network('host', true) })
    expect(names()).toEqual(['bridge', 'host', 'app', 'web'])
  })

  it('lists again after a reconnect and drops the rows while the engine is gone', async () => {
    const store = useNetworksStore()
    await store.acquire()
    liveMain.onStatus?.(status('disconnected'))
    expect(store.all).toEqual([])
    liveMain.list = [network('bridge', true), network('made-while-away')]
    liveMain.onStatus?.(status('connected'))
    await settle()
    expect(liveMain.listCalls).toBe(2)
    expect(names()).toEqual(['bridge', 'made-while-away'])
  })
})
