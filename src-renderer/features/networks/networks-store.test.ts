import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { NetworkRow } from '../../../src-shared/contract'
import { liveMain, sendPatches } from '../../shared/testing/live-main'

// The store's own logic (its live list and its order) against a scripted main.
vi.mock('../../api', async () => (await import('../../shared/testing/live-main')).liveApi)

const { useNetworksStore } = await import('./networks-store')
const { acquireOnceSubscribed, acquireWithPatchesDuringList, engineBackWith, engineGone, startLiveEngine } = await import('../../shared/testing/live-store')

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

beforeEach(() => startLiveEngine([network('bridge', true), network('web')]))

describe('networks store', () => {
  it('reads its first list only after main accepted the networks:changes subscription', async () => {
    await acquireOnceSubscribed(() => useNetworksStore().acquire())
    expect(names()).toEqual(['bridge', 'web'])
  })

  it('keeps the patches that arrive while the list is read', async () => {
    await acquireWithPatchesDuringList(() => useNetworksStore().acquire(), { key: 'id-web', row: null }, { key: 'id-db', row: network('db') })
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
    engineGone()
    expect(store.all).toEqual([])
    await engineBackWith([network('bridge', true), network('made-while-away')])
    expect(liveMain.listCalls).toBe(2)
    expect(names()).toEqual(['bridge', 'made-while-away'])
  })
})
