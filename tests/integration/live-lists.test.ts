import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ContainerRow, ImageRow, NetworkRow, RowPatch, VolumeRow } from '../../src-shared/contract'
import { openEngineStreams } from '../../src-main/streams/gauge'
import type { Services } from '../../src-main/services'
import { Router } from '../../src-main/transport/router'
import { dockerCli, engine, FakeRenderer, requireEngine, SocketProxy, startServices, TEST_IMAGE, TEST_LABEL, TestRun } from '../helpers/engine'
import { routerOnEngine } from '../helpers/router-on-engine'

const { available } = await requireEngine()

/** Every patch a subscription received for one key, in order. */
function patchesFor<Row>(r: FakeRenderer, sub: string, key: string): RowPatch<Row>[] {
  return r.messagesOf<RowPatch<Row>[]>(sub).flatMap((batch) => batch.filter((p) => p.key === key))
}

const TOPICS = ['containers:changes', 'images:changes', 'networks:changes', 'volumes:changes'] as const

describe.skipIf(!available)('live lists through the router, on the real engine', () => {
  const run = new TestRun()
  const on = routerOnEngine(run, { afterClose: () => expect(on.services.streams.openKeys()).toEqual([]) })
  const labels = { [TEST_LABEL]: run.id }
  const tags: string[] = []

  afterAll(async () => {
    for (const t of tags)
      await engine
        .getImage(t)
        .remove()
        .catch(() => undefined)
    for (const n of await engine.listNetworks({ filters: { label: [run.labelFilter] } }))
      await engine
        .getNetwork(n.Id)
        .remove()
        .catch(() => undefined)
    const { Volumes } = await engine.listVolumes({ filters: { label: [run.labelFilter] } })
    for (const v of Volumes ?? [])
      await engine
        .getVolume(v.Name)
        .remove({ force: true })
        .catch(() => undefined)
  })

  /** Subscribes and waits until the shared engine event stream is open under it. */
  async function follow(r: FakeRenderer, topic: (typeof TOPICS)[number]): Promise<string> {
    const sub = on.subscribe(r, topic)
    await vi.waitFor(() => expect(openEngineStreams('events')).toBe(1))
    return sub
  }

  it('sends a container’s row once created, again once started, and null once removed', async () => {
    const r = on.renderer()
    const sub = await follow(r, 'containers:changes')
    const { id, name } = await run.container('live')
    await vi.waitFor(() => expect(patchesFor<ContainerRow>(r, sub, id).at(-1)?.row).toMatchObject({ id, name, state: 'created' }), { timeout: 10_000 })
    await dockerCli('start', id)
    await vi.waitFor(() => expect(patchesFor<ContainerRow>(r, sub, id).at(-1)?.row).toMatchObject({ id, state: 'running' }), { timeout: 10_000 })
    await dockerCli('rm', '-f', id)
    await vi.waitFor(() => expect(patchesFor<ContainerRow>(r, sub, id).at(-1)).toEqual({ key: id, row: null }), { timeout: 10_000 })
  })

  it('sends an image row for a new tag and null once the tag is removed', async () => {
    const r = on.renderer()
    const sub = await follow(r, 'images:changes')
    const { Id } = await engine.getImage(TEST_IMAGE).inspect()
    const repository = run.name('tagged')
    tags.push(`${repository}:live`)
    await dockerCli('tag', TEST_IMAGE, `${repository}:live`)
    const key = `${Id} ${repository}:live`
    await vi.waitFor(() => expect(patchesFor<ImageRow>(r, sub, key).at(-1)?.row).toMatchObject({ key, id: Id, repository, tag: 'live' }), { timeout: 10_000 })
    await dockerCli('rmi', `${repository}:live`)
    await vi.waitFor(() => expect(patchesFor<ImageRow>(r, sub, key).at(-1)).toEqual({ key, row: null }), { timeout: 10_000 })
  })

  it('sends a network row when created, again with its container once connected, and null once removed', async () => {
    const r = on.renderer()
    const sub = await follow(r, 'networks:changes')
    const name = run.name('net')
    const { id } = await engine.createNetwork({ Name: name, Labels: labels })
    await vi.waitFor(() => expect(patchesFor<NetworkRow>(r, sub, id).at(-1)?.row).toMatchObject({ id, name, containers: [] }), { timeout: 10_000 })
    const c = await run.container('member', { start: true })
    await engine.getNetwork(id).connect({ Container: c.id })
    await vi.waitFor(() => expect(patchesFor<NetworkRow>(r, sub, id).at(-1)?.row?.containers).toEqual([expect.objectContaining({ id: c.id, name: c.name, running: true })]), { timeout: 10_000 })
    await dockerCli('rm', '-f', c.id)
    await engine.getNetwork(id).remove()
    await vi.waitFor(() => expect(patchesFor<NetworkRow>(r, sub, id).at(-1)).toEqual({ key: id, row: null }), { timeout: 10_000 })
  })

  it('sends a volume row when created and null once removed, keyed by its name', async () => {
    const r = on.renderer()
    const sub = await follow(r, 'volumes:changes')
    const name = run.name('vol')
    await engine.createVolume({ Name: name, Labels: labels })
    await vi.waitFor(() => expect(patchesFor<VolumeRow>(r, sub, name).at(-1)?.row).toMatchObject({ name, driver: 'local', usedBy: [] }), { timeout: 10_000 })
    await engine.getVolume(name).remove()
    await vi.waitFor(() => expect(patchesFor<VolumeRow>(r, sub, name).at(-1)).toEqual({ key: name, row: null }), { timeout: 10_000 })
  })

  it('shares one engine event stream among all four lists and closes it, and every source, after the last unsubscribes', async () => {
    const a = on.renderer()
    const b = on.renderer()
    const subs = TOPICS.map((t) => ({ r: a, sub: on.subscribe(a, t) }))
    subs.push({ r: b, sub: on.subscribe(b, 'images:changes') })
    await vi.waitFor(() => expect(openEngineStreams('events')).toBe(1))
    expect(on.services.streams.subscriberCount('events')).toBe(TOPICS.length)
    expect(on.services.streams.subscriberCount('images:changes')).toBe(2)

    for (const { r, sub } of subs) on.router.unsubscribe(r.session, sub)
    expect(openEngineStreams('events')).toBe(0)
    expect(on.services.streams.openKeys()).toEqual([])
  })
})

// Through a proxy socket the test cuts and restores, as an engine that restarts would.
describe.skipIf(!available)('live lists across a reconnect, on the real engine', () => {
  const run = new TestRun()
  const proxy = new SocketProxy()
  const r = new FakeRenderer()
  const labels = { [TEST_LABEL]: run.id }
  let services: Services
  let dispose: () => void
  let router: Router

  beforeAll(async () => {
    await proxy.start()
    const started = await startServices(proxy.url)
    services = started.services
    dispose = started.dispose
    router = new Router(services)
  })

  afterAll(async () => {
    if (router) router.closeSession(r.session)
    expect(services?.streams.openKeys()).toEqual([])
    dispose?.()
    await proxy.dispose()
    const { Volumes } = await engine.listVolumes({ filters: { label: [run.labelFilter] } })
    for (const v of Volumes ?? [])
      await engine
        .getVolume(v.Name)
        .remove({ force: true })
        .catch(() => undefined)
  })

  it('sends a volume removed and one created while the engine was away, once it is back', async () => {
    const out = router.subscribe(r.session, 'volumes:changes', undefined, r.sink)
    if (!out.ok) throw new Error(out.error.message)
    const sub = out.value
    const before = run.name('before')
    await engine.createVolume({ Name: before, Labels: labels })
    await vi.waitFor(() => expect(patchesFor<VolumeRow>(r, sub, before).at(-1)?.row).toMatchObject({ name: before }), { timeout: 10_000 })

    await proxy.stop()
    await vi.waitFor(() => expect(services.connection.getStatus().state).toBe('disconnected'), { timeout: 10_000 })
    const during = run.name('during')
    await engine.getVolume(before).remove()
    await engine.createVolume({ Name: during, Labels: labels })
    await proxy.start()
    await services.connection.retryNow()
    await vi.waitFor(
      () => {
        expect(patchesFor<VolumeRow>(r, sub, before).at(-1)).toEqual({ key: before, row: null })
        expect(patchesFor<VolumeRow>(r, sub, during).at(-1)?.row).toMatchObject({ name: during })
      },
      { timeout: 15_000 },
    )
  })
})
