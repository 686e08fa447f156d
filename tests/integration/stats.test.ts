import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ProcessTable, StatsMessage, StatsOverview, StatsSample, StatsSnapshot } from '../../src-shared/contract'
import { StatsHub } from '../../src-main/engine/stats/hub'
import type { FeedMessage } from '../../src-main/engine/stats/watch'
import type { Services } from '../../src-main/services'
import { openEngineStreams } from '../../src-main/streams/gauge'
import { Router } from '../../src-main/transport/router'
import { dockerCli, engine, FakeRenderer, requireEngine, SocketProxy, startServices, TEST_IMAGE, TEST_LABEL, TestRun } from '../helpers/engine'
import { routerOnEngine } from '../helpers/router-on-engine'

const { available } = await requireEngine()

const MiB = 1024 * 1024

describe.skipIf(!available)('live stats through the router, on the real engine', () => {
  const run = new TestRun()
  // Released feeds linger a few seconds (a scrolled list keeps its streams); then nothing stays open.
  const on = routerOnEngine(run)
  const { renderer } = on

  /** A running container of the test image with the given limits. */
  async function started(hint: string, cmd: string[], host: { NanoCpus?: number; Memory?: number } = {}): Promise<string> {
    const c = await engine.createContainer({ name: run.name(hint), Image: TEST_IMAGE, Cmd: cmd, Labels: { [TEST_LABEL]: run.id }, HostConfig: { Init: true, ...host } })
    await c.start()
    return c.id
  }
  const samplesOf = (r: FakeRenderer, sub: string): StatsSample[] => r.messagesOf<StatsMessage>(sub).flatMap((m) => (m.kind === 'sample' ? [m.sample] : m.kind === 'history' ? m.samples : []))
  const statesOf = (r: FakeRenderer, sub: string) => r.messagesOf<StatsMessage>(sub).flatMap((m) => (m.kind === 'state' ? [m.state] : []))
  const cliCpu = async (id: string) => Number((await dockerCli('stats', '--no-stream', '--format', '{{.CPUPerc}}', id)).replace('%', ''))
  const allClosed = () => vi.waitFor(() => expect(openEngineStreams('stats')).toBe(0), { timeout: 10_000 })

  it('shows a container burning CPU under --cpus 0.5 at about 50 %, as docker stats does, with the limit', async () => {
    const id = await started('burn', ['sh', '-c', 'yes > /dev/null'], { NanoCpus: 5e8 })
    const r = renderer()
    const sub = on.subscribe(r, 'stats:container', { id })
    const first = await vi.waitFor(
      () => {
        const m = r.messagesOf<StatsMessage>(sub)[0]
        expect(m?.kind).toBe('history')
        return m as Extract<StatsMessage, { kind: 'history' }>
      },
      { timeout: 10_000 },
    )
    expect(first.limits.cpuPercent).toBe(50)
    // Our samples over the same seconds docker stats measures (it reads two samples, ~1 s apart).
    await vi.waitFor(() => expect(samplesOf(r, sub).filter((x) => x.cpuPercent !== null).length).toBeGreaterThanOrEqual(3), { timeout: 20_000 })
    const from = Date.now() - 1000
    const cli = await cliCpu(id)
    const to = Date.now() + 1000
    await vi.waitFor(() => expect(samplesOf(r, sub).at(-1)!.t).toBeGreaterThanOrEqual(to), { timeout: 10_000 })
    const ours = samplesOf(r, sub)
      .filter((x) => x.cpuPercent !== null && x.t >= from && x.t <= to)
      .map((x) => x.cpuPercent!)
    const mean = ours.reduce((a, b) => a + b, 0) / ours.length
    // The quota caps it at 50 %; on a busy shared host both figures may sit below, together.
    expect(Math.abs(mean - cli)).toBeLessThan(10)
    expect(Math.max(...ours)).toBeLessThan(56)
    expect(cli).toBeLessThan(56)
    expect(mean).toBeGreaterThan(5)
  })

  it('does not show the first sample as a spike: its CPU and rates are empty', async () => {
    const id = await started('first', ['sh', '-c', 'yes > /dev/null'], { NanoCpus: 5e8 })
    const r = renderer()
    const sub = on.subscribe(r, 'stats:container', { id })
    await vi.waitFor(() => expect(samplesOf(r, sub).length).toBeGreaterThanOrEqual(2), { timeout: 15_000 })
    const [a, b] = samplesOf(r, sub)
    expect(a!.cpuPercent).toBeNull()
    expect(a!.netRxBytesPerSec).toBeNull()
    expect(b!.cpuPercent).not.toBeNull()
    expect(b!.netRxBytesPerSec).not.toBeNull()
  })

  it('shows a -m 64m container’s 64 MiB limit, and memory close to docker stats’ figure', async () => {
    const id = await started('mem', ['sleep', '100000'], { Memory: 64 * MiB })
    const r = renderer()
    const sub = on.subscribe(r, 'stats:container', { id })
    await vi.waitFor(() => expect(samplesOf(r, sub).length).toBeGreaterThanOrEqual(1), { timeout: 10_000 })
    const history = r.messagesOf<StatsMessage>(sub)[0] as Extract<StatsMessage, { kind: 'history' }>
    expect(history.limits.memoryBytes).toBe(64 * MiB)
    const sample = samplesOf(r, sub).at(-1)!
    expect(sample.memoryLimitBytes).toBe(64 * MiB)
    expect(sample.pids).toBeGreaterThanOrEqual(1)
    const cli = (await dockerCli('stats', '--no-stream', '--format', '{{.MemUsage}}', id)).split('/')[0]!.trim()
    expect(Math.abs(sample.memoryBytes! - toBytes(cli))).toBeLessThan(1 * MiB)
  })

  it('replays the history to a second subscriber, and keeps it when the tab is closed and opened again', async () => {
    const id = await started('history', ['sleep', '100000'])
    const a = renderer()
    const subA = on.subscribe(a, 'stats:container', { id })
    await vi.waitFor(() => expect(samplesOf(a, subA).length).toBeGreaterThanOrEqual(3), { timeout: 15_000 })
    const b = renderer()
    const seenByA = samplesOf(a, subA).map((s) => s.t)
    const subB = on.subscribe(b, 'stats:container', { id })
    const joined = await vi.waitFor(() => {
      const m = b.messagesOf<StatsMessage>(subB)[0]
      expect(m?.kind).toBe('history')
      return m
    })
    expect((joined as Extract<StatsMessage, { kind: 'history' }>).samples.map((s) => s.t).slice(0, seenByA.length)).toEqual(seenByA)
    // Both leave; the history stays in main for a while, so reopening the tab shows it.
    on.router.unsubscribe(a.session, subA)
    on.router.unsubscribe(b.session, subB)
    await allClosed()
    const c = renderer()
    const subC = on.subscribe(c, 'stats:container', { id })
    const reopened = await vi.waitFor(
      () => {
        const m = c.messagesOf<StatsMessage>(subC)[0]
        expect(m?.kind).toBe('history')
        return m as Extract<StatsMessage, { kind: 'history' }>
      },
      { timeout: 10_000 },
    )
    expect(reopened.samples.map((s) => s.t).slice(0, seenByA.length)).toEqual(seenByA)
  })

  it('says stopped when the container stops, and sends samples again (no spike) after it starts', async () => {
    const id = await started('restart', ['sleep', '100000'])
    const r = renderer()
    const sub = on.subscribe(r, 'stats:container', { id })
    await vi.waitFor(() => expect(samplesOf(r, sub).length).toBeGreaterThanOrEqual(2), { timeout: 15_000 })
    await engine.getContainer(id).stop({ t: 1 })
    await vi.waitFor(() => expect(statesOf(r, sub)).toEqual(['stopped']), { timeout: 10_000 })
    await vi.waitFor(() => expect(openEngineStreams('stats')).toBe(0), { timeout: 10_000 })
    const before = r.messagesOf<StatsMessage>(sub).length
    await engine.getContainer(id).start()
    await vi.waitFor(() => expect(statesOf(r, sub)).toEqual(['stopped', 'running']), { timeout: 10_000 })
    await vi.waitFor(
      () =>
        expect(
          r
            .messagesOf<StatsMessage>(sub)
            .slice(before)
            .filter((m) => m.kind === 'sample').length,
        ).toBeGreaterThanOrEqual(2),
      { timeout: 15_000 },
    )
    const after = r
      .messagesOf<StatsMessage>(sub)
      .slice(before)
      .flatMap((m) => (m.kind === 'sample' ? [m.sample] : []))
    expect(after[0]!.cpuPercent).toBeNull()
    expect(after[1]!.cpuPercent).not.toBeNull()
  })

  it('says removed and ends when the container is removed', async () => {
    const id = await started('removed', ['sleep', '100000'])
    const r = renderer()
    const sub = on.subscribe(r, 'stats:container', { id })
    await vi.waitFor(() => expect(samplesOf(r, sub).length).toBeGreaterThanOrEqual(1), { timeout: 10_000 })
    await engine.getContainer(id).remove({ force: true })
    await vi.waitFor(() => expect(r.ends.find((e) => e.sub === sub)).toEqual({ sub }), { timeout: 10_000 })
    expect(statesOf(r, sub).at(-1)).toBe('removed')
  })

  it('refuses an unknown container with NOT_FOUND', async () => {
    const r = renderer()
    const sub = on.subscribe(r, 'stats:container', { id: 'berth-no-such-container' })
    await vi.waitFor(() => expect(r.ends.find((e) => e.sub === sub)?.error).toMatchObject({ code: 'NOT_FOUND' }), { timeout: 10_000 })
  })

  it('closes every engine stream after the last subscriber leaves', async () => {
    await allClosed()
    const id = await started('gauge', ['sleep', '100000'])
    const r = renderer()
    const sub = on.subscribe(r, 'stats:container', { id })
    await vi.waitFor(() => expect(openEngineStreams('stats')).toBe(1), { timeout: 10_000 })
    on.router.unsubscribe(r.session, sub)
    await allClosed()
    expect(on.services.streams.openKeys().filter((k) => k.startsWith('stats'))).toEqual([])
    expect(on.services.domains.stats.hub.counts()).toMatchObject({ streams: 0, polled: 0, watched: 0 })
  })

  it('gives the list several containers’ figures in one message, on one engine stream each, shared with a Stats tab', async () => {
    await allClosed()
    const ids = await Promise.all(['s1', 's2', 's3'].map((h) => started(h, ['sleep', '100000'], { Memory: 32 * MiB })))
    const r = renderer()
    const sub = on.subscribe(r, 'stats:snapshots', { ids })
    const tab = on.subscribe(r, 'stats:container', { id: ids[0] })
    await vi.waitFor(
      () => {
        const last = r.messagesOf<StatsSnapshot[]>(sub).at(-1)
        expect(last?.map((s) => s.id)).toEqual(ids)
        expect(last?.every((s) => s.cpuPercent !== null && s.memoryLimitBytes === 32 * MiB)).toBe(true)
      },
      { timeout: 15_000 },
    )
    expect(openEngineStreams('stats')).toBe(3)
    expect(r.messagesOf<StatsMessage>(tab)[0]?.kind).toBe('history')

    // Scrolling: the new set overlaps the old; the shared containers keep their streams.
    const opened = on.services.domains.stats.hub.counts().opened
    const d = await started('s4', ['sleep', '100000'])
    const next = on.subscribe(r, 'stats:snapshots', { ids: [ids[1]!, ids[2]!, d] })
    on.router.unsubscribe(r.session, sub)
    await vi.waitFor(
      () =>
        expect(
          r
            .messagesOf<StatsSnapshot[]>(next)
            .at(-1)
            ?.map((s) => s.id),
        ).toEqual([ids[1], ids[2], d]),
      { timeout: 15_000 },
    )
    expect(on.services.domains.stats.hub.counts().opened).toBe(opened + 1)
    on.router.unsubscribe(r.session, next)
    on.router.unsubscribe(r.session, tab)
    await allClosed()
  })

  it('sends the overview of every running container with totals and the host’s CPUs and memory', async () => {
    const ids = await Promise.all(['o1', 'o2'].map((h) => started(h, ['sleep', '100000'])))
    const r = renderer()
    const sub = on.subscribe(r, 'stats:overview')
    const info = on.services.connection.getStatus().info!
    const last = await vi.waitFor(
      () => {
        const m = r.messagesOf<StatsOverview>(sub).at(-1)
        expect(m?.containers.map((c) => c.id)).toEqual(expect.arrayContaining(ids))
        expect(m?.containers.filter((c) => ids.includes(c.id)).every((c) => c.memoryBytes !== null)).toBe(true)
        return m!
      },
      { timeout: 15_000 },
    )
    expect(last.host).toEqual({ cpus: info.cpus, memoryBytes: info.memoryBytes })
    expect(last.totals.memoryBytes).toBe(last.containers.reduce((a, c) => a + (c.memoryBytes ?? 0), 0))
    expect(last.totals.cpuPercent).toBeCloseTo(
      last.containers.reduce((a, c) => a + (c.cpuPercent ?? 0), 0),
      9,
    )
    // A container that stops leaves the overview.
    await engine.getContainer(ids[0]!).stop({ t: 1 })
    await vi.waitFor(
      () =>
        expect(
          r
            .messagesOf<StatsOverview>(sub)
            .at(-1)
            ?.containers.map((c) => c.id),
        ).not.toContain(ids[0]),
      { timeout: 10_000 },
    )
  })

  it('lists a container’s processes (docker top)', async () => {
    const id = await started('top', ['sleep', '100000'])
    // Running is said before the command has replaced the container's first process: ask until it shows.
    await vi.waitFor(
      async () => {
        const out = await on.router.invoke('stats:top', { id })
        expect(out.ok).toBe(true)
        const table = (out as { value: ProcessTable }).value
        expect(table.titles).toContain('CMD')
        const cmd = table.titles.indexOf('CMD')
        expect(table.processes.some((p) => p[cmd]!.includes('sleep 100000'))).toBe(true)
      },
      { timeout: 10_000, interval: 200 },
    )
    const custom = await on.router.invoke('stats:top', { id, psArgs: '-ef' })
    expect(custom).toMatchObject({ ok: true, value: { titles: expect.arrayContaining(['UID', 'PID', 'PPID', 'CMD']) } })
    expect(await on.router.invoke('stats:top', { id, psArgs: 'zzz' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { reason: 'top_ps_args' } } })
  })

  it('refuses docker top on a stopped container with CONFLICT, and on an unknown one with NOT_FOUND', async () => {
    const { id } = await run.container('top-stopped')
    expect(await on.router.invoke('stats:top', { id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'top_not_running' } } })
    expect(await on.router.invoke('stats:top', { id: 'berth-no-such-container' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { reason: 'not_found' } } })
  })

  it('opens no more engine streams than the cap, and samples the rest in rotation with one-shot requests', async () => {
    await allClosed()
    const ids = await Promise.all(['c1', 'c2', 'c3', 'c4'].map((h) => started(h, ['sh', '-c', 'yes > /dev/null'], { NanoCpus: 2e8 })))
    const hub = new StatsHub({ conn: on.services.connection, streams: on.services.streams, onContainerEvent: (l) => on.services.onEngineEvent(l), maxStreams: 2, lingerMs: 0 })
    const got = new Map<string, StatsSample[]>(ids.map((id) => [id, []]))
    const offs = ids.map((id) => hub.feed(id, false, { onMessage: (m: FeedMessage) => m.kind === 'sample' && got.get(id)!.push(m.sample), onEnd: () => undefined }))
    try {
      await vi.waitFor(
        () => {
          for (const id of ids) expect(got.get(id)!.filter((s) => s.cpuPercent !== null).length).toBeGreaterThanOrEqual(1)
        },
        { timeout: 20_000 },
      )
      expect(openEngineStreams('stats')).toBe(2)
      expect(hub.counts()).toMatchObject({ streams: 2, polled: 2 })
      // Polled containers get CPU from Berth's own previous sample: busy, and within their 20 % quota.
      for (const id of ids) {
        const cpu = got
          .get(id)!
          .filter((s) => s.cpuPercent !== null)
          .at(-1)!.cpuPercent!
        expect(cpu).toBeGreaterThan(0)
        expect(cpu).toBeLessThan(26)
      }
    } finally {
      offs.forEach((off) => off())
      hub.dispose()
    }
    await allClosed()
  })
})

describe.skipIf(!available)('live stats across engine loss', () => {
  const run = new TestRun()
  const proxy = new SocketProxy()
  const r = new FakeRenderer()
  let services: Services
  let disposeServices: () => void
  let router: Router

  beforeAll(async () => {
    await proxy.start()
    const s = await startServices(proxy.url)
    services = s.services
    disposeServices = s.dispose
    router = new Router(services)
  })
  afterAll(async () => {
    if (router) router.closeSession(r.session)
    disposeServices?.()
    await proxy.dispose()
    await run.cleanup()
    expect(await run.leftovers()).toEqual([])
  })

  it('closes its engine stream when the engine goes away and resumes after the reconnect', async () => {
    const { id } = await run.container('loss', { start: true })
    const out = router.subscribe(r.session, 'stats:container', { id }, r.sink)
    if (!out.ok) throw new Error(out.error.message)
    const sub = out.value
    const count = () => r.messagesOf<StatsMessage>(sub).filter((m) => m.kind === 'sample').length
    await vi.waitFor(() => expect(count()).toBeGreaterThanOrEqual(1), { timeout: 10_000 })
    await proxy.stop()
    await vi.waitFor(() => expect(services.connection.getStatus().state).toBe('disconnected'), { timeout: 10_000 })
    await vi.waitFor(() => expect(openEngineStreams('stats')).toBe(0), { timeout: 10_000 })
    await proxy.start()
    await services.connection.retryNow()
    const before = count()
    await vi.waitFor(() => expect(count()).toBeGreaterThan(before + 1), { timeout: 15_000 })
    expect(r.ends.find((e) => e.sub === sub)).toBeUndefined()
    router.unsubscribe(r.session, sub)
    await vi.waitFor(() => expect(openEngineStreams('stats')).toBe(0), { timeout: 10_000 })
  })
})

/** docker stats' human figure (`1.2MiB`, `512KiB`, `3B`) in bytes. */
function toBytes(text: string): number {
  const m = /^([\d.]+)\s*([KMGT]?i?B)$/.exec(text)
  if (!m) throw new Error(`not a size: ${text}`)
  const unit = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4, kB: 1000, MB: 1e6, GB: 1e9 }[m[2]!] ?? 1
  return Number(m[1]) * unit
}
