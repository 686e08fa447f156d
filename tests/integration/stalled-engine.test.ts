import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ConnectionStatus, EventBatch } from '../../src-shared/contract'
import type { Services } from '../../src-main/services'
import { openEngineStreams } from '../../src-main/streams/gauge'
import { ClientSession, Router } from '../../src-main/transport/router'
import { FakeRenderer, requireEngine, SocketProxy, startServices, TestRun } from '../helpers/engine'

const { available } = await requireEngine()

// Berth talks to the real engine through a proxy this test can stall: it keeps every connection
// and reads every byte, and answers nothing, as a hung engine or a frozen VM does. The deadlines
// are shortened so the test need not wait out the real ones.
describe.skipIf(!available)('an engine that stops answering', () => {
  const run = new TestRun()
  const proxy = new SocketProxy()
  const r = new FakeRenderer()
  let services: Services
  let disposeServices: () => void
  let router: Router
  let eventsSub: string

  const status = () => services.connection.getStatus()

  beforeAll(async () => {
    await proxy.start()
    const started = await startServices(proxy.url)
    services = started.services
    disposeServices = started.dispose
    services.connection.deadlines = { readMs: 1500, writeMs: 1500 }
    router = new Router(services)
    expect(status()).toMatchObject({ state: 'connected', endpoint: { url: proxy.url } })
    const ev = router.subscribe(r.session, 'events:stream', undefined, r.sink)
    if (!ev.ok) throw new Error('subscribing failed')
    eventsSub = ev.value
    await vi.waitFor(() => expect(openEngineStreams('events')).toBe(1))
  })

  afterAll(async () => {
    proxy.answer()
    if (router) router.closeSession(r.session)
    disposeServices?.()
    await proxy.dispose()
    await run.cleanup()
    expect(await run.leftovers()).toEqual([])
  })

  it('answers a cancelled request CANCELLED and closes its connection to the engine, while requests that need no engine still answer', async () => {
    proxy.stall()
    const session = new ClientSession()
    const listing = router.invokeFor(session, 1, 'containers:list', undefined)
    // The request's bytes reached the proxy, on a connection of its own (a new one, or a kept-alive one).
    await vi.waitFor(() => expect(proxy.held).toBeGreaterThan(0))
    const during = proxy.connections
    expect(await router.invoke('preferences:get', undefined)).toMatchObject({ ok: true })
    session.inFlight.cancel(1)
    expect(await listing).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    await vi.waitFor(() => expect(proxy.connections).toBe(during - 1))
    // A cancel says nothing about the engine: the connection and its streams stay.
    expect(status().state).toBe('connected')
    expect(openEngineStreams('events')).toBe(1)
    proxy.answer()
  })

  it('fails a request the engine does not answer with engine_not_answering, then shows the engine as not answering', async () => {
    proxy.stall()
    const out = await router.invoke('containers:list', undefined)
    expect(out).toMatchObject({ ok: false, error: { code: 'ENGINE_UNREACHABLE', details: { reason: 'engine_not_answering' } } })
    await vi.waitFor(() => expect(status().state).toBe('disconnected'), { timeout: 10_000 })
    expect(status().error).toMatchObject({ details: { reason: 'engine_not_answering' } })
    // What the page asks now is answered at once: the engine is known to be gone.
    expect(await router.invoke('containers:list', undefined)).toMatchObject({ ok: false, error: { code: 'ENGINE_UNREACHABLE' } })
  })

  it('reconnects once the engine answers again, and the events stream resumes with what happened meanwhile', async () => {
    expect(status().state).toBe('disconnected')
    // Made behind Berth's back, on the real socket, while the proxy holds everything.
    const missed = await run.container('stalled', { start: true })
    proxy.answer()
    await vi.waitFor(() => expect(status().state).toBe('connected'), { timeout: 20_000 })
    await vi.waitFor(() => expect(openEngineStreams('events')).toBe(1))
    await vi.waitFor(
      () => {
        const patches = r.messagesOf<EventBatch>(eventsSub).flatMap((b) => b.containers.filter((p) => p.id === missed.id))
        expect(patches.at(-1)?.row).toMatchObject({ id: missed.id, state: 'running' })
      },
      { timeout: 10_000 },
    )
    const later = await run.container('after')
    await vi.waitFor(() => expect(r.messagesOf<EventBatch>(eventsSub).some((b) => b.containers.some((p) => p.id === later.id))).toBe(true), { timeout: 10_000 })
    expect((await router.invoke('engine:status', undefined)) as { ok: true; value: ConnectionStatus }).toMatchObject({ ok: true, value: { state: 'connected' } })
  })
})
