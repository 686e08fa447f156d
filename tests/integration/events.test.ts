import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { EventBatch } from '../../src-shared/contract'
import type { Services } from '../../src-main/services'
import { openEngineStreams } from '../../src-main/streams/gauge'
import { Router } from '../../src-main/transport/router'
import { dockerCli, FakeRenderer, requireEngine, startServices, TestRun } from '../helpers/engine'

const { available } = await requireEngine()

/** Every patch the renderer received for one container, in order. */
function patchesFor(renderer: FakeRenderer, sub: string, id: string) {
  return renderer.messagesOf<EventBatch>(sub).flatMap((b) => b.containers.filter((p) => p.id === id))
}

function subscribe(router: Router, renderer: FakeRenderer, topic: string): string {
  const out = router.subscribe(renderer.session, topic, undefined, renderer.sink)
  if (!out.ok) throw new Error(`subscribe ${topic}: ${out.error.message}`)
  return out.value
}

describe.skipIf(!available)('events through the router, on the real engine', () => {
  const run = new TestRun()
  let services: Services
  let disposeServices: () => void
  let router: Router
  const renderers: FakeRenderer[] = []

  beforeAll(async () => {
    const started = await startServices()
    services = started.services
    disposeServices = started.dispose
    router = new Router(services)
  })

  afterEach(() => {
    for (const r of renderers.splice(0)) router.closeSession(r.session)
  })

  afterAll(async () => {
    disposeServices?.()
    await run.cleanup()
    expect(await run.leftovers()).toEqual([])
  })

  function renderer(): FakeRenderer {
    const r = new FakeRenderer()
    renderers.push(r)
    return r
  }

  it('sends a batch with the container’s fresh row after `docker start`, and a null row after removal', async () => {
    const r = renderer()
    const sub = subscribe(router, r, 'events')
    await vi.waitFor(() => expect(openEngineStreams('events')).toBe(1))

    const { id, name } = await run.container('evented')
    await dockerCli('start', id)
    await vi.waitFor(() => expect(patchesFor(r, sub, id).some((p) => p.row?.state === 'running')).toBe(true), { timeout: 10_000 })
    const running = patchesFor(r, sub, id).find((p) => p.row?.state === 'running')!
    expect(running.row).toMatchObject({ id, name, state: 'running', status: expect.stringMatching(/^Up/) })
    const events = r.messagesOf<EventBatch>(sub).flatMap((b) => b.events.filter((e) => e.id === id))
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'start']))
    expect(events.find((e) => e.action === 'start')).toMatchObject({ type: 'container', name })

    await dockerCli('rm', '-f', id)
    await vi.waitFor(() => expect(patchesFor(r, sub, id).at(-1)).toEqual({ id, row: null }), { timeout: 10_000 })
  })

  it('holds one engine event stream for all subscribers and closes it after the last unsubscribes', async () => {
    const a = renderer()
    const b = renderer()
    const subA = subscribe(router, a, 'events')
    const subB = subscribe(router, b, 'events')
    await vi.waitFor(() => expect(openEngineStreams('events')).toBe(1))
    expect(services.streams.subscriberCount('events')).toBe(2)

    const { id } = await run.container('shared', { start: true })
    await vi.waitFor(() => {
      expect(patchesFor(a, subA, id).length).toBeGreaterThan(0)
      expect(patchesFor(b, subB, id).length).toBeGreaterThan(0)
    })
    expect(openEngineStreams('events')).toBe(1)

    router.unsubscribe(a.session, subA)
    expect(openEngineStreams('events')).toBe(1)
    router.unsubscribe(b.session, subB)
    expect(openEngineStreams('events')).toBe(0)
    expect(services.streams.openKeys()).toEqual([])
  })

  it('closes the engine event stream when the last subscribing session closes', async () => {
    const a = renderer()
    const b = renderer()
    subscribe(router, a, 'events')
    subscribe(router, a, 'events')
    subscribe(router, b, 'events')
    await vi.waitFor(() => expect(openEngineStreams('events')).toBe(1))

    router.closeSession(a.session)
    expect(openEngineStreams('events')).toBe(1)
    expect(services.streams.subscriberCount('events')).toBe(1)
    router.closeSession(b.session)
    expect(openEngineStreams('events')).toBe(0)
    expect(services.streams.openKeys()).toEqual([])
  })

  it('sends nothing to a subscriber after it unsubscribed', async () => {
    const r = renderer()
    const sub = subscribe(router, r, 'events')
    await vi.waitFor(() => expect(openEngineStreams('events')).toBe(1))
    router.unsubscribe(r.session, sub)
    const before = r.messages.length
    const watcher = renderer()
    const watching = subscribe(router, watcher, 'events')
    await vi.waitFor(() => expect(openEngineStreams('events')).toBe(1))
    const { id } = await run.container('after-unsubscribe', { start: true })
    await vi.waitFor(() => expect(patchesFor(watcher, watching, id).length).toBeGreaterThan(0))
    expect(r.messages.length).toBe(before)
  })

  it('sends the current engine status first on the engine topic', async () => {
    const r = renderer()
    const sub = subscribe(router, r, 'engine')
    await vi.waitFor(() => expect(r.messagesOf(sub)).toHaveLength(1))
    expect(r.messagesOf(sub)[0]).toMatchObject({ state: 'connected', info: { apiVersion: expect.any(String) } })
  })
})
