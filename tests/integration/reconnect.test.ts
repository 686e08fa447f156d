import { createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ConnectionStatus, EventBatch } from '../../src-shared/contract'
import type { Services } from '../../src-main/services'
import { openEngineStreams } from '../../src-main/streams/gauge'
import { Router, type Outcome } from '../../src-main/transport/router'
import { FakeRenderer, forwardToEngine, requireEngine, SocketProxy, startServices, TestRun } from '../helpers/engine'

const { available } = await requireEngine()

// Berth talks to the real engine through a proxy socket this test can cut and restore, as an
// engine that restarts or a VM that sleeps would.
describe.skipIf(!available)('reconnecting to an engine that went away', () => {
  const run = new TestRun()
  const proxy = new SocketProxy()
  const r = new FakeRenderer()
  let services: Services
  let disposeServices: () => void
  let router: Router
  let eventsSub: string
  let engineSub: string

  const status = () => services.connection.getStatus()
  const statuses = () => r.messagesOf<ConnectionStatus>(engineSub)

  beforeAll(async () => {
    await proxy.start()
    const started = await startServices(proxy.url)
    services = started.services
    disposeServices = started.dispose
    router = new Router(services)
    expect(status()).toMatchObject({ state: 'connected', endpoint: { url: proxy.url } })
    const ev = router.subscribe(r.session, 'events:stream', undefined, r.sink)
    const en = router.subscribe(r.session, 'engine:state', undefined, r.sink)
    if (!ev.ok || !en.ok) throw new Error('subscribing failed')
    eventsSub = ev.value
    engineSub = en.value
    await vi.waitFor(() => expect(openEngineStreams('events')).toBe(1))
  })

  afterAll(async () => {
    if (router) router.closeSession(r.session)
    disposeServices?.()
    await proxy.dispose()
    await run.cleanup()
    expect(await run.leftovers()).toEqual([])
  })

  it('goes disconnected with ENGINE_UNREACHABLE when the engine goes away, and waits for its socket without a timer', async () => {
    await proxy.stop()
    await vi.waitFor(() => expect(status().state).toBe('disconnected'), { timeout: 10_000 })
    expect(status().error).toMatchObject({ code: 'ENGINE_UNREACHABLE', details: { reason: 'engine_unreachable' } })
    expect(status()).toMatchObject({ nextRetryAt: null, watchingSocket: true })
    expect(status().endpoint?.url).toBe(proxy.url)
    expect(openEngineStreams('events')).toBe(0)
    expect(statuses().at(-1)?.state).toBe('disconnected')

    const out = await router.invoke('containers:list', undefined)
    expect(out).toMatchObject({ ok: false, error: { code: 'ENGINE_UNREACHABLE' } })
  })

  it('reconnects by itself once the engine is back, and the events subscriber learns what it missed', async () => {
    expect(status().state).toBe('disconnected')
    // Made behind Berth's back, on the real socket, while Berth cannot see the engine.
    const missed = await run.container('missed', { start: true })

    await proxy.start()
    await vi.waitFor(() => expect(status().state).toBe('connected'), { timeout: 15_000 })
    await vi.waitFor(() => expect(openEngineStreams('events')).toBe(1))
    expect(statuses().map((s) => s.state)).toEqual(expect.arrayContaining(['disconnected', 'connecting', 'connected']))
    expect(status().trigger).toBe('socket')

    await vi.waitFor(
      () => {
        const patches = r.messagesOf<EventBatch>(eventsSub).flatMap((b) => b.containers.filter((p) => p.id === missed.id))
        expect(patches.at(-1)?.row).toMatchObject({ id: missed.id, name: missed.name, state: 'running' })
      },
      { timeout: 10_000 },
    )
    const rows = await router.invoke('containers:list', undefined)
    expect(rows.ok && (rows.value as { id: string }[]).some((row) => row.id === missed.id)).toBe(true)
  })

  it('"retry now" (engine:retry) on a local engine whose socket is missing tries at once and keeps watching', async () => {
    await proxy.stop()
    await vi.waitFor(() => expect(status().state).toBe('disconnected'), { timeout: 10_000 })
    const out = (await router.invoke('engine:retry', undefined)) as Outcome<ConnectionStatus>
    expect(out.ok && out.value).toMatchObject({ state: 'disconnected', trigger: 'retry', watchingSocket: true, nextRetryAt: null })
    await proxy.start()
    await vi.waitFor(() => expect(status()).toMatchObject({ state: 'connected', trigger: 'socket' }), { timeout: 10_000 })
  })

  it('"retry now" (engine:retry) reconnects a remote engine without waiting out its backoff', async () => {
    // A tcp:// engine on a port this test closes and opens again: only the timer or "retry now" bring it back.
    const open = new Set<Socket>()
    const listen = (port: number) =>
      new Promise<Server>((resolve, reject) => {
        const server = createServer((client) => forwardToEngine(client, open))
        server.once('error', reject)
        server.listen(port, '127.0.0.1', () => resolve(server))
      })
    let server = await listen(0)
    const port = (server.address() as AddressInfo).port
    const remote = await startServices(`tcp://127.0.0.1:${port}`)
    const remoteRouter = new Router(remote.services)
    const remoteStatus = () => remote.services.connection.getStatus()
    try {
      expect(remoteStatus().state).toBe('connected')
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const s of open) s.destroy()
      })
      expect(await remoteRouter.invoke('containers:list', undefined)).toMatchObject({ ok: false, error: { code: 'ENGINE_UNREACHABLE' } })
      // Let the backoff grow, so the next automatic attempt is seconds away.
      await vi.waitFor(() => expect(remoteStatus().attempt).toBeGreaterThanOrEqual(5), { timeout: 20_000, interval: 50 })
      expect(remoteStatus()).toMatchObject({ state: 'disconnected', watchingSocket: false })
      server = await listen(port)

      const out = (await remoteRouter.invoke('engine:retry', undefined)) as Outcome<ConnectionStatus>
      expect(out.ok && out.value).toMatchObject({ state: 'connected', error: null, nextRetryAt: null, trigger: 'retry' })
    } finally {
      remote.dispose()
      for (const s of open) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })

  it('"retry now" on a connected engine changes nothing', async () => {
    const out = (await router.invoke('engine:retry', undefined)) as Outcome<ConnectionStatus>
    expect(out.ok && out.value.state).toBe('connected')
  })
})
