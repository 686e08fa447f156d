import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ExecMessage } from '../../src-shared/contract/exec'
import { openEngineStreams } from '../../src-main/streams/gauge'
import { Router } from '../../src-main/transport/router'
import { dockerCli, engine, FakeRenderer, requireEngine, SocketProxy, startServices, TEST_LABEL, TestRun } from '../helpers/engine'
import { BASH_IMAGE, ensureBashImage, runningExecs, TerminalProbe } from '../helpers/exec'
import { routerOnEngine } from '../helpers/router-on-engine'

const { available } = await requireEngine()

const KOREAN = '안녕하세요 터미널 😀 끝'

describe.skipIf(!available)('terminals (exec and attach) through the router, on the real engine', () => {
  const run = new TestRun()
  const on = routerOnEngine(run, { afterClose: () => undefined })
  let shared: string

  beforeAll(async () => {
    shared = (await run.container('shell', { start: true })).id
    await ensureBashImage()
  }, 60_000)

  afterAll(async () => {
    await on.services?.domains.exec.settled()
  })

  const open = (r: FakeRenderer, params: Record<string, unknown>) => new TerminalProbe(on.router, r, on.subscribe(r, 'exec:session', { cols: 80, rows: 24, ...params }))

  /** Closes every renderer's sessions and waits until main confirmed each exec gone. */
  async function closeAll(...terms: TerminalProbe[]) {
    for (const t of terms) t.unsubscribe()
    await on.services.domains.exec.settled()
    expect(openEngineStreams('exec')).toBe(0)
  }

  it('runs the shell and prints what a command computes', async () => {
    const t = open(on.renderer(), { id: shared })
    const started = (await t.sessionId(), t.messages()[0] as Extract<ExecMessage, { kind: 'started' }>)
    expect(started.command).toEqual(['/bin/sh'])
    expect(started.sessionId).toMatch(/^[A-Za-z0-9_-]{32}$/)
    await t.type('echo $((6*7))\r')
    await t.waitFor(/\r\n42\r\n/)
    await closeAll(t)
  })

  it('gives each subscription its own session with its own id', async () => {
    const r = on.renderer()
    const a = open(r, { id: shared })
    const b = open(r, { id: shared })
    expect(await a.sessionId()).not.toBe(await b.sessionId())
    await a.type('echo only-in-a\r')
    await a.waitFor(/only-in-a\r\n/)
    expect(b.text()).not.toContain('only-in-a')
    await closeAll(a, b)
  })

  it('resizes the TTY: stty size shows the new size', async () => {
    const t = open(on.renderer(), { id: shared, cols: 80, rows: 24 })
    await t.type('stty size\r')
    await t.waitFor(/\r\n24 80\r\n/)
    const from = t.text().length
    await t.resize(132, 43)
    await t.type('stty size\r')
    await t.waitFor(/\r\n43 132\r\n/, from)
    await closeAll(t)
  })

  it('carries Korean text both ways', async () => {
    const t = open(on.renderer(), { id: shared })
    await t.type(`echo "${KOREAN}" | wc -c; echo "[${KOREAN}]"\r`)
    // wc counts UTF-8 bytes: the text arrived in the container intact (plus the newline).
    await t.waitFor(new RegExp(`\\r\\n${Buffer.byteLength(KOREAN) + 1}\\r\\n`))
    await t.waitFor(new RegExp(`\\r\\n\\[${KOREAN}\\]\\r\\n`))
    await closeAll(t)
  })

  it('ends with reason exited and the exit code when the shell exits', async () => {
    const t = open(on.renderer(), { id: shared })
    await t.type('exit 3\r')
    await vi.waitFor(() => expect(t.ended()).toEqual({ kind: 'ended', reason: 'exited', exitCode: 3 }), { timeout: 10_000 })
    expect(t.end()).toEqual({ sub: t.sub, error: undefined })
    await on.services.domains.exec.settled()
    expect(openEngineStreams('exec')).toBe(0)
    // The id no longer types anywhere.
    const out = await on.router.invoke('exec:input', { sessionId: await t.sessionId(), data: 'x' })
    expect(out).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { reason: 'terminal_session_ended' } } })
  })

  it('runs a custom command with the given user and working directory', async () => {
    const t = open(on.renderer(), { id: shared, command: ['sh', '-c', 'id -u; pwd'], user: '65534', workdir: '/tmp' })
    await t.waitFor(/65534\r\n\/tmp\r\n/)
    await vi.waitFor(() => expect(t.ended()).toEqual({ kind: 'ended', reason: 'exited', exitCode: 0 }), { timeout: 10_000 })
  })

  it('closing a session leaves no exec running, even one with a program in the foreground', async () => {
    const { id } = await run.container('close', { start: true })
    const idle = open(on.renderer(), { id })
    const busy = open(on.renderer(), { id })
    await idle.type('echo ready\r')
    await idle.waitFor(/ready\r\n/)
    await busy.type('sleep 1000\r')
    await vi.waitFor(async () => expect((await runningExecs(id)).length).toBe(2), { timeout: 10_000 })
    // A program that ignores the interrupt and the hang-up in the foreground, too.
    const stubborn = open(on.renderer(), { id })
    await stubborn.type(`trap '' INT HUP; sleep 1000\r`)
    await vi.waitFor(async () => expect((await runningExecs(id)).length).toBe(3), { timeout: 10_000 })
    await closeAll(idle, busy, stubborn)
    expect(await runningExecs(id)).toEqual([])
    // Nothing of theirs either: only the container's own process (and its init) is left.
    const ps = await dockerCli('exec', id, 'ps', '-o', 'args')
    expect(ps).not.toMatch(/^sleep 1000$/m)
    expect(ps).toMatch(/sleep 100000/)
  }, 30_000)

  it('closing the renderer session ends its terminals the same way', async () => {
    const { id } = await run.container('window', { start: true })
    const r = on.renderer()
    const t = open(r, { id })
    await t.type('sleep 1000\r')
    await vi.waitFor(async () => expect((await runningExecs(id)).length).toBe(1), { timeout: 10_000 })
    on.router.closeSession(r.session)
    await on.services.domains.exec.settled()
    expect(await runningExecs(id)).toEqual([])
    expect(openEngineStreams('exec')).toBe(0)
  }, 30_000)

  it('ends with reason container-stopped when the container stops', async () => {
    const { id } = await run.container('stops', { start: true })
    const t = open(on.renderer(), { id })
    await t.type('echo up\r')
    await t.waitFor(/up\r\n/)
    await engine.getContainer(id).stop({ t: 1 })
    await vi.waitFor(() => expect(t.ended()).toMatchObject({ kind: 'ended', reason: 'container-stopped' }), { timeout: 15_000 })
    await on.services.domains.exec.settled()
    expect(openEngineStreams('exec')).toBe(0)
  }, 30_000)

  it('refuses a stopped container with a reason the UI turns into a Start offer', async () => {
    const { id } = await run.container('stopped')
    const t = open(on.renderer(), { id })
    await vi.waitFor(() => expect(t.end()).toBeDefined(), { timeout: 10_000 })
    expect(t.end()!.error).toMatchObject({ code: 'CONFLICT', details: { reason: 'terminal_container_stopped' } })
    expect(await on.router.invoke('exec:probe', { id })).toEqual({ ok: true, value: { running: false, shells: ['/bin/sh'], attachable: false } })
  })

  it('says NOT_FOUND for a container that does not exist', async () => {
    const t = open(on.renderer(), { id: 'berth-no-such-container-for-exec' })
    await vi.waitFor(() => expect(t.end()).toBeDefined(), { timeout: 10_000 })
    expect(t.end()!.error).toMatchObject({ code: 'NOT_FOUND' })
    expect(await on.router.invoke('exec:probe', { id: 'berth-no-such-container-for-exec' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('probes shells without running anything: sh but no bash on busybox, bash first where it exists', async () => {
    expect(await on.router.invoke('exec:probe', { id: shared })).toEqual({ ok: true, value: { running: true, shells: ['/bin/sh'], attachable: false } })
    const execsBefore = (await engine.getContainer(shared).inspect()).ExecIDs ?? []
    const withBash = await engine.createContainer({ Image: BASH_IMAGE, name: run.name('bash'), Cmd: ['sleep', '100000'], Labels: { [TEST_LABEL]: run.id }, HostConfig: { Init: true } })
    await withBash.start()
    expect(await on.router.invoke('exec:probe', { id: withBash.id })).toEqual({ ok: true, value: { running: true, shells: ['/bin/bash', '/bin/sh'], attachable: false } })
    expect((await engine.getContainer(shared).inspect()).ExecIDs ?? []).toEqual(execsBefore)
    const t = open(on.renderer(), { id: withBash.id })
    await t.sessionId()
    expect((t.messages()[0] as Extract<ExecMessage, { kind: 'started' }>).command).toEqual(['/bin/bash'])
    await closeAll(t)
  })

  it('says the container has no shell when it has none, and runs a given command there', async () => {
    const { id } = await run.container('noshell', { start: true })
    // Take the shells away from this one container.
    await dockerCli('exec', id, 'rm', '-f', '/bin/sh', '/bin/ash', '/bin/bash')
    expect(await on.router.invoke('exec:probe', { id })).toMatchObject({ ok: true, value: { shells: [] } })
    const t = open(on.renderer(), { id })
    await vi.waitFor(() => expect(t.end()).toBeDefined(), { timeout: 10_000 })
    expect(t.end()!.error).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'terminal_no_shell' } })
    const custom = open(on.renderer(), { id, command: ['echo', 'no shell needed'] })
    await custom.waitFor(/no shell needed/)
  })

  it('attaches to an -it container, and detaching leaves it running', async () => {
    const name = run.name('attach')
    await dockerCli('run', '-dit', '--name', name, '--label', `${TEST_LABEL}=${run.id}`, 'berth-test/busybox', 'sh')
    expect(await on.router.invoke('exec:probe', { id: name })).toMatchObject({ ok: true, value: { attachable: true } })
    const t = open(on.renderer(), { id: name, mode: 'attach' })
    await t.sessionId()
    expect((t.messages()[0] as Extract<ExecMessage, { kind: 'started' }>).command).toEqual(['sh'])
    await t.type('echo attached-$((2+3))\r')
    await t.waitFor(/attached-5\r\n/)
    await t.resize(100, 30)
    await t.type('stty size\r')
    await t.waitFor(/30 100\r\n/)
    await closeAll(t)
    await new Promise((r) => setTimeout(r, 500))
    expect((await engine.getContainer(name).inspect()).State.Running).toBe(true)
    // A second attach sees the same shell, still alive.
    const again = open(on.renderer(), { id: name, mode: 'attach' })
    await again.type('echo still-$((1+1))\r')
    await again.waitFor(/still-2\r\n/)
    await closeAll(again)
    expect((await engine.getContainer(name).inspect()).State.Running).toBe(true)
  }, 30_000)

  it('refuses to attach to a container started without -it', async () => {
    const t = open(on.renderer(), { id: shared, mode: 'attach' })
    await vi.waitFor(() => expect(t.end()).toBeDefined(), { timeout: 10_000 })
    expect(t.end()!.error).toMatchObject({ code: 'CONFLICT', details: { reason: 'terminal_not_attachable' } })
  })

  it('refuses input for an id that was never handed out', async () => {
    const out = await on.router.invoke('exec:input', { sessionId: 'A'.repeat(32), data: 'ls\r' })
    expect(out).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', details: { reason: 'terminal_session_ended' } } })
  })

  it('holds the engine socket back while the subscriber is congested, and delivers everything once it drains', async () => {
    const { id } = await run.container('flood', { start: true })
    let congested = true
    const waiting: (() => void)[] = []
    const r = new FakeRenderer()
    const sink = { ...r.sink, congested: () => congested, whenClear: (resume: () => void) => (congested ? waiting.push(resume) : resume()) }
    const out = on.router.subscribe(r.session, 'exec:session', { id, cols: 80, rows: 24, command: ['sh', '-c', 'head -c 4000000 /dev/zero | tr "\\0" x; echo; echo END'] }, sink)
    if (!out.ok) throw new Error(out.error.message)
    const t = new TerminalProbe(on.router, r, out.value)
    await vi.waitFor(() => expect(waiting.length).toBeGreaterThan(0), { timeout: 10_000 })
    const held = t.text().length
    await new Promise((res) => setTimeout(res, 500))
    // Paused: nothing more was read from the engine while the subscriber was full.
    expect(t.text().length).toBe(held)
    expect(held).toBeLessThan(1_000_000)
    congested = false
    for (const resume of waiting.splice(0)) resume()
    await t.waitFor(/END\r\n/, 0, 20_000)
    expect(t.text().replace(/[^x]/g, '').length).toBe(4_000_000)
    await vi.waitFor(() => expect(t.ended()).toMatchObject({ reason: 'exited', exitCode: 0 }), { timeout: 10_000 })
    on.router.closeSession(r.session)
  }, 30_000)

  it('ends with reason engine-lost when the engine goes away, and ends the left exec once it is back', async () => {
    const proxy = new SocketProxy()
    await proxy.start()
    const viaProxy = await startServices(proxy.url)
    const proxied = new Router(viaProxy.services)
    const r = new FakeRenderer()
    try {
      const { id } = await run.container('lost', { start: true })
      const out = proxied.subscribe(r.session, 'exec:session', { id, cols: 80, rows: 24 }, r.sink)
      if (!out.ok) throw new Error(out.error.message)
      const t = new TerminalProbe(proxied, r, out.value)
      await t.type('sleep 1000\r')
      await vi.waitFor(async () => expect((await runningExecs(id)).length).toBe(1), { timeout: 10_000 })
      await proxy.stop()
      await vi.waitFor(() => expect(t.ended()).toEqual({ kind: 'ended', reason: 'engine-lost', exitCode: null }), { timeout: 10_000 })
      expect(openEngineStreams('exec')).toBe(0)
      // Unreachable, the exec usually still runs (dockerd sometimes ends it itself when the
      // connection drops, which a slow machine shows); once the engine answers again Berth ends it.
      await proxy.start()
      await vi.waitFor(() => expect(viaProxy.services.connection.getStatus().state).toBe('connected'), { timeout: 15_000 })
      await vi.waitFor(async () => expect(await runningExecs(id)).toEqual([]), { timeout: 15_000 })
    } finally {
      proxied.closeSession(r.session)
      await viaProxy.services.domains.exec.settled()
      viaProxy.dispose()
      await proxy.dispose()
    }
  }, 40_000)

  it('quitting waits until open terminals’ execs have ended in the engine', async () => {
    const { id } = await run.container('quit', { start: true })
    const own = await startServices()
    const router = new Router(own.services)
    const r = new FakeRenderer()
    try {
      const out = router.subscribe(r.session, 'exec:session', { id, cols: 80, rows: 24 }, r.sink)
      if (!out.ok) throw new Error(out.error.message)
      const t = new TerminalProbe(router, r, out.value)
      await t.type('sleep 1000\r')
      await vi.waitFor(async () => expect((await runningExecs(id)).length).toBe(1), { timeout: 10_000 })
      await own.services.shutdown()
      expect(await runningExecs(id)).toEqual([])
    } finally {
      own.dispose()
    }
  }, 30_000)

  it('leaves no engine stream open at the end', async () => {
    await on.services.domains.exec.settled()
    expect(openEngineStreams('exec')).toBe(0)
    expect(on.services.domains.exec.sessions.size()).toBe(0)
  })
})
