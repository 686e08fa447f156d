import { readdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ConnectionStatus } from '../../src-shared/contract'
import type { Services } from '../../src-main/services'
import { openEngineStreams } from '../../src-main/streams/gauge'
import { Router } from '../../src-main/transport/router'
import { FakeRenderer, requireEngine, startServices, TEST_IMAGE } from '../helpers/engine'
import { PrivateDockerd, requirePrivateDockerd } from '../helpers/private-dockerd'

const { available: engineUp } = await requireEngine()
const { available } = engineUp ? await requirePrivateDockerd() : { available: false }

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

// The engine itself goes away and comes back: a private dockerd (never the shared one) is
// stopped and started again, and Berth, on its socket, must notice the return by the socket
// reappearing, not by a backoff timer that happens to fire. How long that took is logged, not
// asserted (the bench measures it: engine-restart).
describe.skipIf(!available)('coming back when the engine itself restarts (a private dockerd)', () => {
  const r = new FakeRenderer()
  let dockerd: PrivateDockerd
  let services: Services
  let disposeServices: () => void
  let router: Router
  let engineSub: string
  /** Every status main sent, with when it arrived. */
  const timeline: { at: number; status: ConnectionStatus }[] = []

  /** The host's network interfaces before the private dockerd started (the shared engine's docker0 among them). */
  let hostInterfaces: string[] = []

  const status = () => services.connection.getStatus()
  const since = (at: number) => timeline.filter((t) => t.at >= at).map((t) => t.status)

  beforeAll(async () => {
    hostInterfaces = readdirSync('/sys/class/net')
    dockerd = await PrivateDockerd.start()
    await dockerd.copyImage(TEST_IMAGE)
    await dockerd.client.createContainer({ name: 'berth-it-survivor', Image: TEST_IMAGE, Cmd: ['sleep', '1000'], HostConfig: { NetworkMode: 'none' } })
    const started = await startServices(dockerd.url)
    services = started.services
    disposeServices = started.dispose
    router = new Router(services)
    expect(status()).toMatchObject({ state: 'connected', endpoint: { url: dockerd.url } })
    services.connection.onStatus((s) => timeline.push({ at: Date.now(), status: s }))
    // The shared events stream is what notices a loss in the app; the engine topic is what the banner reads.
    const ev = router.subscribe(r.session, 'events:stream', undefined, r.sink)
    const en = router.subscribe(r.session, 'engine:state', undefined, r.sink)
    if (!ev.ok || !en.ok) throw new Error('subscribing failed')
    engineSub = en.value
    await vi.waitFor(() => expect(openEngineStreams('events')).toBe(1))
  })

  afterAll(async () => {
    if (router) router.closeSession(r.session)
    disposeServices?.()
    await dockerd?.dispose()
  })

  /** Starts the engine again and logs how long Berth took to be connected, from the engine's first answer. */
  async function restartAndTime(label: string): Promise<void> {
    const spawnedAt = Date.now()
    const answeredAt = await dockerd.restart()
    await vi.waitFor(() => expect(status().state).toBe('connected'), { timeout: 20_000, interval: 10 })
    const connectedAt = timeline.findLast((t) => t.status.state === 'connected')!.at
    const after = connectedAt - answeredAt
    // Negative when Berth's own attempt got the first answer before this test's ping did.
    console.log(`[engine-restart] ${label}: dockerd answered ${answeredAt - spawnedAt} ms after it was started; Berth was connected ${after} ms after that`)
  }

  it.each([15, 60])(
    'reconnects on the socket’s return, not on a timer, after the engine was stopped for %i s',
    async (seconds) => {
      const stoppedAt = Date.now()
      await dockerd.stop()
      await vi.waitFor(() => expect(status().state).toBe('disconnected'), { timeout: 10_000 })
      expect(status()).toMatchObject({ error: { code: 'ENGINE_UNREACHABLE' }, watchingSocket: true, nextRetryAt: null })
      await sleep(seconds * 1000)
      // Gone all along, and nothing tried meanwhile: no timer is running for a missing socket.
      expect(since(stoppedAt).filter((s) => s.state === 'connecting')).toEqual([])
      expect(r.messagesOf<ConnectionStatus>(engineSub).at(-1)).toMatchObject({ state: 'disconnected', nextRetryAt: null, watchingSocket: true })

      const startedAt = Date.now()
      await restartAndTime(`stopped ${seconds} s`)
      const attempts = since(startedAt).filter((s) => s.state === 'connecting')
      expect(attempts.map((s) => s.trigger)).toEqual(['socket'])
      expect(status()).toMatchObject({ state: 'connected', trigger: 'socket', watchingSocket: false })
      expect(r.messagesOf<ConnectionStatus>(engineSub).at(-1)).toMatchObject({ state: 'connected', trigger: 'socket' })

      await vi.waitFor(() => expect(openEngineStreams('events')).toBe(1))
      const rows = await router.invoke('containers:list', undefined)
      expect(rows.ok && (rows.value as { name: string }[]).map((c) => c.name)).toContain('berth-it-survivor')
    },
    120_000,
  )

  it('reconnects when a new engine replaces the socket a killed one left behind, before the backoff’s next try', async () => {
    await dockerd.kill()
    await vi.waitFor(() => expect(status().state).toBe('disconnected'), { timeout: 10_000 })
    // The stale socket is there and refuses: Berth tries on its (local, at most 1 s) backoff too.
    await vi.waitFor(() => expect(status()).toMatchObject({ state: 'disconnected', watchingSocket: true, nextRetryAt: expect.any(Number) }), { timeout: 5000 })
    await sleep(3000)
    const startedAt = Date.now()
    await restartAndTime('killed, stale socket')
    const last = since(startedAt).filter((s) => s.state === 'connecting')
    // dockerd replaces the stale socket early in its start; the timer may have tried in between,
    // but the attempt that connected is the socket's.
    expect(last.at(-1)?.trigger).toBe('socket')
    expect(status()).toMatchObject({ state: 'connected', trigger: 'socket' })
  }, 60_000)

  it('leaves the host’s network as it was: the shared engine’s docker0 is still there', () => {
    expect(readdirSync('/sys/class/net')).toEqual(expect.arrayContaining(hostInterfaces))
  })
})
