import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ImageRow } from '../../../src-shared/contract'
import { liveMain, request, sendPatches, settle } from '../../shared/testing/live-main'

// The store's own logic (its live list, items, removal) against a scripted main.
vi.mock('../../api', async () => (await import('../../shared/testing/live-main')).liveApi)

const { useImagesStore } = await import('./images-store')
const { acquireOnceSubscribed, acquireWithPatchesDuringList, engineBackWith, engineGone, startLiveEngine } = await import('../../shared/testing/live-store')

const image = (repository: string, tag = 'latest', containers = 0): ImageRow => ({
  key: `sha256:${repository} ${repository}:${tag}`,
  id: `sha256:${repository}`,
  repository,
  tag,
  digests: [],
  size: 10,
  created: 1,
  containers,
  dangling: false,
})
const busybox = image('busybox')
const keys = () => [...useImagesStore().rows.keys()].sort()

beforeEach(() => startLiveEngine([busybox]))

describe('images store', () => {
  it('reads its first list only after main accepted the images:changes subscription', async () => {
    await acquireOnceSubscribed(() => useImagesStore().acquire())
    expect(liveMain.listCalls).toBe(1)
    expect(keys()).toEqual([busybox.key])
  })

  it('keeps the patches that arrive while the list is read, and shows them in its items', async () => {
    const redis = image('redis', '7')
    await acquireWithPatchesDuringList(() => useImagesStore().acquire(), { key: redis.key, row: redis }, { key: busybox.key, row: { ...busybox, containers: 2 } })
    const store = useImagesStore()
    expect(store.items.map((r) => r.repository)).toEqual(['busybox', 'redis'])
    expect(store.rows.get(busybox.key)?.containers).toBe(2)
  })

  it('keeps a removed image pending after the request returns, until main reports it gone', async () => {
    const store = useImagesStore()
    await store.acquire()
    const removal = request<{ deleted: string[] }>()
    liveMain.answer = () => removal.promise
    const outcomes = store.removeMany([busybox], false)
    await settle()
    expect(liveMain.invoked).toEqual([{ channel: 'images:remove', params: { id: 'busybox:latest', force: false } }])
    removal.resolve({ deleted: [busybox.id] })
    expect(await outcomes).toEqual([{ key: busybox.key, ok: true }])
    expect(store.pending.has(busybox.key)).toBe(true)
    sendPatches({ key: busybox.key, row: null })
    expect(store.pending.has(busybox.key)).toBe(false)
    expect(store.total).toBe(0)
  })

  it('lists again after a reconnect and shows images pulled meanwhile', async () => {
    const store = useImagesStore()
    await store.acquire()
    engineGone()
    expect(store.total).toBe(0)
    await engineBackWith([busybox, image('alpine')])
    expect(liveMain.listCalls).toBe(2)
    expect(store.all.map((r) => r.repository).sort()).toEqual(['alpine', 'busybox'])
  })
})
