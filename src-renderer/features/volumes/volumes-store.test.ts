import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { VolumeRow } from '../../../src-shared/contract'
import { BerthError } from '../../../src-shared/contract/errors'
import { liveMain, request, sendPatches, settle } from '../../shared/testing/live-main'

// The store's own logic (its live list, create and remove) against a scripted main.
vi.mock('../../api', async () => (await import('../../shared/testing/live-main')).liveApi)

const { useVolumesStore } = await import('./volumes-store')
const { acquireOnceSubscribed, acquireWithPatchesDuringList, engineBackWith, engineGone, startLiveEngine } = await import('../../shared/testing/live-store')

const volume = (name: string): VolumeRow => ({
  name,
  driver: 'local',
  mountpoint: `/var/lib/docker/volumes/${name}/_data`,
  scope: 'local',
  created: 1_700_000_000_000,
  labels: {},
  options: {},
  size: null,
  usedBy: [],
  anonymous: false,
})
const names = () => useVolumesStore().visible.map((v) => v.name)

beforeEach(() => startLiveEngine([volume('data')]))

describe('volumes store', () => {
  it('reads its first list only after main accepted the volumes:changes subscription', async () => {
    await acquireOnceSubscribed(() => useVolumesStore().acquire())
    expect(names()).toEqual(['data'])
  })

  it('keeps the patches that arrive while the list is read', async () => {
    liveMain.list = [volume('data'), volume('old')]
    await acquireWithPatchesDuringList(() => useVolumesStore().acquire(), { key: 'old', row: null }, { key: 'cache', row: volume('cache') })
    expect(names()).toEqual(['cache', 'data'])
  })

  it('shows a created volume at once, before main’s patch repeats it', async () => {
    const store = useVolumesStore()
    await store.acquire()
    liveMain.answer = async () => volume('made')
    await store.create({ name: 'made', driver: 'local', driverOpts: {}, labels: {} })
    expect(names()).toEqual(['data', 'made'])
  })

  it('keeps a removed volume pending after the request returns, until main reports it gone', async () => {
    const store = useVolumesStore()
    await store.acquire()
    const removal = request()
    liveMain.answer = () => removal.promise
    const outcomes = store.remove(['data'])
    await settle()
    removal.resolve()
    expect(await outcomes).toEqual([{ name: 'data', ok: true }])
    expect(store.pending.has('data')).toBe(true)
    sendPatches({ key: 'data', row: null })
    expect(store.pending.has('data')).toBe(false)
    expect(store.rows.size).toBe(0)
  })

  it('reports a refused removal and keeps the volume', async () => {
    const store = useVolumesStore()
    await store.acquire()
    liveMain.answer = async () => {
      throw new BerthError('CONFLICT', 'in use')
    }
    const [outcome] = await store.remove(['data'])
    expect(outcome).toMatchObject({ name: 'data', ok: false, error: { code: 'CONFLICT' } })
    expect(store.pending.has('data')).toBe(false)
    expect(names()).toEqual(['data'])
  })

  it('lists again after a reconnect and drops the rows while the engine is gone', async () => {
    const store = useVolumesStore()
    await store.acquire()
    engineGone()
    expect(store.rows.size).toBe(0)
    await engineBackWith([volume('data'), volume('made-while-away')])
    expect(liveMain.listCalls).toBe(2)
    expect(names()).toEqual(['data', 'made-while-away'])
  })
})
