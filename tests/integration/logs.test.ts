import { request } from 'node:http'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import type { LogExportResult, LogLine, LogMessage } from '../../src-shared/contract'
import type { BerthErrorShape } from '../../src-shared/contract/errors'
import type { ServerFrame } from '../../src-shared/protocol'
import type { Services } from '../../src-main/services'
import type { BrowserHost } from '../../src-main/transport/browser-host'
import { openEngineStreams } from '../../src-main/streams/gauge'
import { Router } from '../../src-main/transport/router'
import { startWebServer, type WebServer } from '../../src-main/transport/web-server'
import { dockerCli, engine, FakeRenderer, requireEngine, SocketProxy, startServices, TEST_IMAGE, TEST_LABEL, TestRun } from '../helpers/engine'
import { routerOnEngine } from '../helpers/router-on-engine'

const { available } = await requireEngine()

const KOREAN = '안녕하세요 로그 😀 끝'

describe.skipIf(!available)('logs through the router, on the real engine', () => {
  const run = new TestRun()
  const on = routerOnEngine(run, { afterClose: () => expect(openEngineStreams('logs')).toBe(0) })
  const { renderer } = on
  const subscribe = (r: FakeRenderer, params: Record<string, unknown>) => on.subscribe(r, 'logs:lines', params)

  const linesOf = (r: FakeRenderer, sub: string): LogLine[] => r.messagesOf<LogMessage>(sub).flatMap((m) => (m.kind === 'lines' ? m.lines : []))
  const textsOf = (r: FakeRenderer, sub: string) => linesOf(r, sub).map((l) => l.text)
  const endOf = (r: FakeRenderer, sub: string): { error?: BerthErrorShape } | undefined => r.ends.find((e) => e.sub === sub)

  /** A container that ran `script` to its end. */
  async function finished(hint: string, script: string): Promise<string> {
    const { id } = await run.container(hint, { cmd: ['sh', '-c', script], start: true })
    await engine.getContainer(id).wait()
    return id
  }

  /** Subscribes without following and waits for `done`. */
  async function readAll(params: Record<string, unknown>): Promise<{ lines: LogLine[]; messages: LogMessage[] }> {
    const r = renderer()
    const sub = subscribe(r, { follow: false, ...params })
    await vi.waitFor(() => expect(endOf(r, sub)).toBeDefined(), { timeout: 10_000 })
    expect(endOf(r, sub)!.error).toBeUndefined()
    return { lines: linesOf(r, sub), messages: r.messagesOf<LogMessage>(sub) }
  }

  it('tells stdout from stderr, keeps Korean and emoji whole, and stamps every line with the engine’s time', async () => {
    const id = await finished('streams', `echo "out ${KOREAN}"; echo "err ${KOREAN}" >&2; printf 'no newline at the end'`)
    const before = Date.now()
    const { lines, messages } = await readAll({ id })
    const sorted = [...lines].sort((a, b) => a.text.localeCompare(b.text))
    expect(sorted.map((l) => [l.stream, l.text])).toEqual([
      ['stderr', `err ${KOREAN}`],
      ['stdout', 'no newline at the end'],
      ['stdout', `out ${KOREAN}`],
    ])
    for (const l of lines) {
      expect(l.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/)
      expect(l.ms).toBe(Math.floor(Date.parse(l.time)))
      expect(l.ms).toBeLessThanOrEqual(before)
      expect(before - l.ms).toBeLessThan(60_000)
    }
    expect(messages.at(-1)).toEqual({ kind: 'done', reason: 'complete' })
  })

  it('shows only the streams asked for', async () => {
    const id = await finished('one-stream', 'echo to-out; echo to-err >&2')
    expect((await readAll({ id, stdout: false })).lines.map((l) => l.text)).toEqual(['to-err'])
    expect((await readAll({ id, stderr: false })).lines.map((l) => l.text)).toEqual(['to-out'])
  })

  it('reads a TTY container’s raw stream (no frame headers) as stdout lines', async () => {
    const name = run.name('tty')
    const c = await engine.createContainer({
      name,
      Image: TEST_IMAGE,
      Tty: true,
      Cmd: ['sh', '-c', `echo "tty ${KOREAN}"; echo second; printf 'cr\\rinside\\n'`],
      Labels: { [TEST_LABEL]: run.id },
    })
    await c.start()
    await c.wait()
    const { lines } = await readAll({ id: name })
    expect(lines.map((l) => [l.stream, l.text])).toEqual([
      ['stdout', `tty ${KOREAN}`],
      ['stdout', 'second'],
      ['stdout', 'cr\rinside'],
    ])
    expect(lines.every((l) => /Z$/.test(l.time))).toBe(true)
  })

  it('sends the last `tail` lines, all of them, or none', async () => {
    const id = await finished('tail', 'seq 1 50')
    expect((await readAll({ id, tail: 3 })).lines.map((l) => l.text)).toEqual(['48', '49', '50'])
    expect((await readAll({ id, tail: 'all' })).lines).toHaveLength(50)
    expect((await readAll({ id, tail: 0 })).lines).toEqual([])
  })

  it('limits lines to since/until (RFC 3339, unix seconds and relative)', async () => {
    const id = await finished('range', 'echo one; sleep 1.1; echo two; sleep 1.1; echo three')
    const all = (await readAll({ id, tail: 'all' })).lines
    expect(all.map((l) => l.text)).toEqual(['one', 'two', 'three'])
    const two = all[1]!
    expect((await readAll({ id, tail: 'all', since: two.time })).lines.map((l) => l.text)).toEqual(['two', 'three'])
    expect((await readAll({ id, tail: 'all', until: two.time })).lines.map((l) => l.text)).toEqual(['one', 'two'])
    const unix = (two.ms / 1000 - 0.5).toFixed(3)
    expect((await readAll({ id, tail: 'all', since: unix })).lines.map((l) => l.text)).toEqual(['two', 'three'])
    expect((await readAll({ id, tail: 'all', since: '10m' })).lines).toHaveLength(3)
    expect((await readAll({ id, tail: 'all', until: '10m' })).lines).toEqual([])
  })

  it('follows a container across `docker restart`: a stop and a restart divide the lines, none repeats', async () => {
    const { id } = await run.container('restart', { cmd: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.1; done'], start: true })
    const r = renderer()
    const sub = subscribe(r, { id, tail: 'all' })
    await vi.waitFor(() => expect(textsOf(r, sub).length).toBeGreaterThanOrEqual(5), { timeout: 10_000 })
    expect(openEngineStreams('logs')).toBe(1)
    await dockerCli('restart', '-t', '1', id)
    await vi.waitFor(() => expect(r.messagesOf<LogMessage>(sub).some((m) => m.kind === 'lifecycle' && m.event === 'restarted')).toBe(true), { timeout: 15_000 })
    const restartedAt = () => r.messagesOf<LogMessage>(sub).findIndex((m) => m.kind === 'lifecycle' && m.event === 'restarted')
    await vi.waitFor(
      () =>
        expect(
          r
            .messagesOf<LogMessage>(sub)
            .slice(restartedAt())
            .some((m) => m.kind === 'lines' && m.lines.some((l) => l.text === 'tick 5')),
        ).toBe(true),
      { timeout: 10_000 },
    )

    const messages = r.messagesOf<LogMessage>(sub)
    const stopped = messages.findIndex((m) => m.kind === 'lifecycle' && m.event === 'stopped')
    expect(stopped).toBeGreaterThan(0)
    expect(stopped).toBeLessThan(restartedAt())
    expect(messages[restartedAt()]).toMatchObject({ kind: 'lifecycle', event: 'restarted', time: expect.stringMatching(/Z$/) })
    // The second run counts from 1 again, after the divider; no line came twice.
    const after = messages.slice(restartedAt()).flatMap((m) => (m.kind === 'lines' ? m.lines : []))
    expect(after[0]!.text).toBe('tick 1')
    const keys = linesOf(r, sub).map((l) => `${l.time} ${l.text}`)
    expect(new Set(keys).size).toBe(keys.length)
    expect(endOf(r, sub)).toBeUndefined()
    expect(openEngineStreams('logs')).toBe(1)

    on.router.unsubscribe(r.session, sub)
    expect(openEngineStreams('logs')).toBe(0)
    expect(on.services.streams.openKeys()).toEqual([])
  })

  it('keeps following a container that is stopped and started again later', async () => {
    const { id } = await run.container('stop-start', { cmd: ['sh', '-c', 'echo "run at $(date +%s%N)"; sleep 100000'], start: true })
    const r = renderer()
    const sub = subscribe(r, { id, tail: 'all' })
    await vi.waitFor(() => expect(textsOf(r, sub)).toHaveLength(1))
    await dockerCli('stop', '-t', '1', id)
    await vi.waitFor(() => expect(r.messagesOf<LogMessage>(sub).some((m) => m.kind === 'lifecycle' && m.event === 'stopped')).toBe(true), { timeout: 10_000 })
    expect(openEngineStreams('logs')).toBe(0)
    await dockerCli('start', id)
    await vi.waitFor(() => expect(textsOf(r, sub)).toHaveLength(2), { timeout: 10_000 })
    const kinds = r.messagesOf<LogMessage>(sub).map((m) => (m.kind === 'lifecycle' ? m.event : m.kind))
    expect(kinds.filter((k) => k !== 'lines')).toEqual(['stopped', 'restarted'])
    expect(kinds.at(-1)).toBe('lines')
    expect(openEngineStreams('logs')).toBe(1)
  })

  it('says a followed container stopped, then ends with `removed` when it is removed', async () => {
    const { id } = await run.container('removed', { cmd: ['sh', '-c', 'echo hello; sleep 1; echo bye'], start: true })
    const r = renderer()
    const sub = subscribe(r, { id })
    await vi.waitFor(() => expect(r.messagesOf<LogMessage>(sub).some((m) => m.kind === 'lifecycle' && m.event === 'stopped')).toBe(true), { timeout: 10_000 })
    expect(textsOf(r, sub)).toEqual(['hello', 'bye'])
    await dockerCli('rm', id)
    await vi.waitFor(() => expect(endOf(r, sub)).toBeDefined(), { timeout: 10_000 })
    expect(r.messagesOf<LogMessage>(sub).at(-1)).toEqual({ kind: 'done', reason: 'removed' })
    expect(endOf(r, sub)!.error).toBeUndefined()
  })

  it('fails a subscription to an unknown container with NOT_FOUND', async () => {
    const r = renderer()
    const sub = subscribe(r, { id: 'berth-no-such-container' })
    await vi.waitFor(() => expect(endOf(r, sub)).toBeDefined())
    expect(endOf(r, sub)!.error).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'not_found' } })
    expect(on.services.streams.openKeys()).toEqual([])
  })

  it('refuses malformed parameters before anything reaches the engine', () => {
    const r = renderer()
    for (const params of [{ id: 'a/b' }, { id: 'x', since: 'yesterday' }, { id: 'x', tail: -1 }, { id: 'x', extra: 1 }]) {
      const out = on.router.subscribe(r.session, 'logs:lines', params, r.sink)
      expect(out.ok, JSON.stringify(params)).toBe(false)
      if (!out.ok) expect(out.error.code).toBe('INVALID_INPUT')
    }
  })

  it('closes the engine stream when the view unsubscribes, and shares one stream between identical views', async () => {
    const { id } = await run.container('gauge', { start: true })
    const a = renderer()
    const b = renderer()
    const subA = subscribe(a, { id, tail: 10 })
    await vi.waitFor(() => expect(openEngineStreams('logs')).toBe(1))
    const subB = subscribe(b, { id, tail: 10 })
    const subC = subscribe(b, { id, tail: 20 })
    await vi.waitFor(() => expect(openEngineStreams('logs')).toBe(2))
    on.router.unsubscribe(a.session, subA)
    on.router.unsubscribe(b.session, subB)
    expect(openEngineStreams('logs')).toBe(1)
    on.router.unsubscribe(b.session, subC)
    expect(openEngineStreams('logs')).toBe(0)
    expect(on.services.streams.openKeys()).toEqual([])
  })

  it('gives a view that joins an open stream the lines it missed', async () => {
    const { id } = await run.container('late', { cmd: ['sh', '-c', 'seq 1 30; sleep 100000'], start: true })
    const a = renderer()
    const subA = subscribe(a, { id, tail: 'all' })
    await vi.waitFor(() => expect(textsOf(a, subA)).toHaveLength(30))
    const b = renderer()
    const subB = subscribe(b, { id, tail: 'all' })
    await vi.waitFor(() => expect(textsOf(b, subB)).toHaveLength(30))
    expect(textsOf(b, subB)).toEqual(textsOf(a, subA))
    expect(openEngineStreams('logs')).toBe(1)
  })

  it('pages back through history with logs:read: the last lines before `until`', async () => {
    const id = await finished('pages', 'seq 1 100')
    const newest = await on.router.invoke('logs:read', { id, tail: 10 })
    if (!newest.ok) throw new Error(newest.error.message)
    const page1 = newest.value as LogLine[]
    expect(page1.map((l) => l.text)).toEqual(Array.from({ length: 10 }, (_, i) => String(91 + i)))
    const older = await on.router.invoke('logs:read', { id, tail: 10, until: page1[0]!.time })
    if (!older.ok) throw new Error(older.error.message)
    expect((older.value as LogLine[]).map((l) => l.text)).toEqual(Array.from({ length: 10 }, (_, i) => String(81 + i)))
    const oldest = await on.router.invoke('logs:read', { id, tail: 10, until: (older.value as LogLine[])[0]!.time, since: page1[0]!.time })
    expect(oldest).toEqual({ ok: true, value: [] })
    expect(await on.router.invoke('logs:read', { id: 'berth-no-such-container', tail: 10 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(openEngineStreams('logs')).toBe(0)
  })

  it('follows a log across the engine going away and coming back: a divider each way, then every line once, none missed', async () => {
    const proxy = new SocketProxy()
    await proxy.start()
    const viaProxy = await startServices(proxy.url)
    const proxied = new Router(viaProxy.services)
    try {
      const { id } = await run.container('lost', { cmd: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo line$i; sleep 0.2; done'], start: true })
      const r = new FakeRenderer()
      const out = proxied.subscribe(r.session, 'logs:lines', { id }, r.sink)
      if (!out.ok) throw new Error(out.error.message)
      await vi.waitFor(() => expect(textsOf(r, out.value).length).toBeGreaterThan(2))
      await proxy.stop()
      const events = () => r.messagesOf<LogMessage>(out.value).flatMap((m) => (m.kind === 'lifecycle' ? [m.event] : []))
      await vi.waitFor(() => expect(events()).toEqual(['disconnected']), { timeout: 10_000 })
      const before = textsOf(r, out.value).length
      // The container writes on while Berth cannot reach the engine.
      await new Promise((resolve) => setTimeout(resolve, 1500))
      await proxy.start()
      await vi.waitFor(() => expect(events()).toEqual(['disconnected', 'reconnected']), { timeout: 10_000 })
      await vi.waitFor(() => expect(textsOf(r, out.value).length).toBeGreaterThan(before + 5), { timeout: 10_000 })
      const texts = textsOf(r, out.value)
      expect(texts).toEqual(texts.map((_, i) => `line${i + 1}`))
      expect(endOf(r, out.value)).toBeUndefined()
      proxied.closeSession(r.session)
      expect(viaProxy.services.streams.openKeys()).toEqual([])
    } finally {
      viaProxy.dispose()
      await proxy.dispose()
    }
  })
})

describe.skipIf(!available)('logs in browser mode: export links and a slow socket', () => {
  const run = new TestRun()
  let dir: string
  let server: WebServer
  let services: Services<BrowserHost>
  let disposeServices: () => void

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-it-export-'))
    mkdirSync(join(dir, 'renderer'))
    writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>shell</title>')
    const started = await startServices()
    services = started.services
    disposeServices = started.dispose
    server = await startWebServer({ services, rendererDir: join(dir, 'renderer') })
  })

  afterAll(async () => {
    await server?.close()
    disposeServices?.()
    rmSync(dir, { recursive: true, force: true })
    await run.cleanup()
  })

  function get(path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { host: `127.0.0.1:${server.port}` }
      const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => (body += d))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      })
      req.on('error', reject)
      req.setTimeout(30_000, () => req.destroy(new Error(`no answer to GET ${path}`)))
      req.end()
    })
  }

  it('hands out a one-time link that downloads the whole range, once', async () => {
    const { id, name } = await run.container('export', { cmd: ['sh', '-c', `seq 1 20000; echo "${KOREAN}" >&2`], start: true })
    await engine.getContainer(id).wait()
    const router = new Router(services)
    const out = await router.invoke('logs:export', { id, timestamps: false })
    if (!out.ok) throw new Error(out.error.message)
    const result = out.value as LogExportResult
    expect(result).toMatchObject({ kind: 'download', url: expect.stringMatching(/^\/downloads\/[\w-]{20,}$/) })
    const url = (result as { url: string }).url

    expect((await get('/downloads/guessed-link-that-was-never-handed-out')).status).toBe(410)
    const res = await get(url)
    expect(res.status).toBe(200)
    expect(res.headers['content-disposition']).toContain(`filename="${name}-`)
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8')
    const lines = res.body.split('\n')
    expect(lines.pop()).toBe('')
    expect(lines).toHaveLength(20001)
    expect(lines.filter((l) => l !== KOREAN)).toEqual(Array.from({ length: 20000 }, (_, i) => String(i + 1)))
    expect(lines).toContain(KOREAN)
    expect((await get(url)).status).toBe(410)
    expect(openEngineStreams('logs')).toBe(0)

    const stamped = await router.invoke('logs:export', { id, timestamps: true, stderr: false, since: '10m' })
    if (!stamped.ok) throw new Error(stamped.error.message)
    const body = (await get((stamped.value as { url: string }).url)).body
    expect(body.split('\n')[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\S+Z 1$/)
    expect(body).not.toContain(KOREAN)
  })

  it('stops reading the engine when a download is cancelled midway', async () => {
    const { id } = await run.container('export-cancel', { cmd: ['sh', '-c', 'seq 1 300000'], start: true })
    await engine.getContainer(id).wait()
    const out = await new Router(services).invoke('logs:export', { id, timestamps: true })
    if (!out.ok) throw new Error(out.error.message)
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: (out.value as { url: string }).url, headers: { host: `127.0.0.1:${server.port}` } }, (res) => {
        // Read a little, then stop reading and hang up, as a cancelled browser download does.
        res.once('data', () => {
          req.destroy()
          resolve()
        })
      })
      req.on('error', (err) => (req.destroyed ? undefined : reject(err)))
      req.end()
    })
    await vi.waitFor(() => expect(openEngineStreams('logs')).toBe(0), { timeout: 10_000 })
  })

  it('holds the engine stream back while a browser-mode client does not read, and delivers every line after', async () => {
    const total = 400_000
    const { id } = await run.container('flow', { cmd: ['seq', '1', String(total)], start: true })
    await engine.getContainer(id).wait()
    const params = { id, tail: 'all', follow: false }
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin: server.origin })
    let received = 0
    let done = false
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as ServerFrame
      if (frame.kind !== 'message') return
      const m = frame.data as LogMessage
      if (m.kind === 'lines') received += m.lines.length
      if (m.kind === 'done') done = true
    })
    await new Promise((resolve) => ws.once('open', resolve))
    ws.send(JSON.stringify({ kind: 'subscribe', id: 1, topic: 'logs:lines', params }))
    await vi.waitFor(() => expect(received).toBeGreaterThan(0))
    ws.pause()
    // A watcher in main on the same stream sees what the source emits: it stalls with the socket.
    const watcher = new FakeRenderer()
    const router = new Router(services)
    const watched = router.subscribe(watcher.session, 'logs:lines', params, watcher.sink)
    if (!watched.ok) throw new Error(watched.error.message)
    const emitted = () => watcher.messagesOf<LogMessage>(watched.value).reduce((n, m) => n + (m.kind === 'lines' ? m.lines.length : 0), 0)
    let before = -1
    await vi.waitFor(
      () => {
        const now = emitted()
        const stalled = now === before
        before = now
        expect(stalled).toBe(true)
      },
      { timeout: 20_000, interval: 700 },
    )
    expect(emitted()).toBeLessThan(total)
    ws.resume()
    await vi.waitFor(() => expect(done).toBe(true), { timeout: 30_000 })
    expect(received).toBe(total)
    expect(emitted()).toBe(total)
    ws.close()
    router.closeSession(watcher.session)
    await vi.waitFor(() => expect(openEngineStreams('logs')).toBe(0))
  })

  it('jumps a followed flood to its newest lines when the view fell behind, and says after which line lines were skipped', async () => {
    const { id } = await run.container('flood', { cmd: ['sh', '-c', 'i=0; while :; do i=$((i+1)); echo "line $i"; done'], start: true })
    // A view that stops taking lines for a while (a busy page): main stops reading, the engine keeps the backlog.
    let hold = false
    const waiting: (() => void)[] = []
    const messages: LogMessage[] = []
    const router = new Router(services)
    const r = new FakeRenderer()
    const sub = router.subscribe(
      r.session,
      'logs:lines',
      { id, tail: 0, follow: true },
      {
        message: (_s, data) => messages.push(data as LogMessage),
        end: () => undefined,
        congested: () => hold,
        whenClear: (resume) => (hold ? waiting.push(resume) : resume()),
      },
    )
    if (!sub.ok) throw new Error(sub.error.message)
    const numbers = (ms: LogMessage[]) => ms.flatMap((m) => (m.kind === 'lines' ? m.lines.map((l) => Number(l.text.split(' ')[1])) : []))
    await vi.waitFor(() => expect(numbers(messages).length).toBeGreaterThan(1000))
    hold = true
    await new Promise((resolve) => setTimeout(resolve, 3500))
    hold = false
    for (const resume of waiting.splice(0)) resume()
    await vi.waitFor(() => expect(messages.findIndex((m) => m.kind === 'skipped')).toBeGreaterThan(0), { timeout: 15_000 })
    const at = messages.findIndex((m) => m.kind === 'skipped')
    const skipped = messages[at] as Extract<LogMessage, { kind: 'skipped' }>
    const before = numbers(messages.slice(0, at))
    await vi.waitFor(() => expect(numbers(messages.slice(at)).length).toBeGreaterThan(0))
    const after = numbers(messages.slice(at))
    // The marker names the last line sent, and what follows it is far ahead: the backlog was left out.
    const lastSent = messages
      .slice(0, at)
      .flatMap((m) => (m.kind === 'lines' ? m.lines : []))
      .at(-1)!
    expect(skipped.after).toBe(lastSent.time)
    expect(after[0]! - before.at(-1)!).toBeGreaterThan(1000)
    // Nothing sent twice, and the order holds on each side of the marker.
    expect(new Set([...before, ...after]).size).toBe(before.length + after.length)
    router.closeSession(r.session)
    await engine.getContainer(id).remove({ force: true })
    await vi.waitFor(() => expect(openEngineStreams('logs')).toBe(0))
  })

  it('refuses an unknown container before handing out a link', async () => {
    const router = new Router(services)
    expect(await router.invoke('logs:export', { id: 'berth-no-such-container', timestamps: false })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(server.downloads.pending).toBe(0)
  })

  it('exports several containers’ logs merged in engine time order, each line behind its container’s name', async () => {
    const n = 20_000
    // Both print at once, for about two seconds, so their lines interleave in time.
    const printing = `i=0; while [ $i -lt ${n} ]; do i=$((i+1)); echo $i; [ $((i % 1000)) -eq 0 ] && sleep 0.1; done`
    const a = await run.container('merge-a', { cmd: ['sh', '-c', printing] })
    // (stdout only: the engine stamps stdout and stderr lines apart, so one container's stream is
    // in time order only per pipe.)
    const b = await run.container('merge-b', { cmd: ['sh', '-c', `${printing}; echo "${KOREAN}"`] })
    await Promise.all([engine.getContainer(a.id).start(), engine.getContainer(b.id).start()])
    await Promise.all([engine.getContainer(a.id).wait(), engine.getContainer(b.id).wait()])
    const router = new Router(services)
    const out = await router.invoke('logs:export-merged', { ids: [a.id, b.name], timestamps: true })
    if (!out.ok) throw new Error(out.error.message)
    const res = await get((out.value as { url: string }).url)
    expect(res.status).toBe(200)
    expect(res.headers['content-disposition']).toContain(`filename="logs-${a.name}-and-1-more-`)
    const lines = res.body.split('\n')
    expect(lines.pop()).toBe('')
    expect(lines).toHaveLength(2 * n + 1)
    const width = Math.max(a.name.length, b.name.length)
    const parsed = lines.map((l) => {
      const m = /^(\S+) *\| (\S+) (.*)$/.exec(l)
      if (!m || l.indexOf(' | ') !== width) throw new Error(`not a merged line: ${l}`)
      return { name: m[1] as string, time: m[2] as string, text: m[3] as string }
    })
    // Each container's lines whole and in its own order…
    expect(parsed.filter((p) => p.name === a.name).map((p) => p.text)).toEqual(Array.from({ length: n }, (_, i) => String(i + 1)))
    expect(parsed.filter((p) => p.name === b.name).map((p) => p.text)).toEqual([...Array.from({ length: n }, (_, i) => String(i + 1)), KOREAN])
    // …and the whole in engine time order (RFC3339Nano, compared to the nanosecond).
    const nanos = (t: string) => BigInt(Date.parse(t.replace(/\.\d+/, ''))) * 1_000_000n + BigInt((/\.(\d+)/.exec(t)?.[1] ?? '').padEnd(9, '0'))
    const backwards = parsed.findIndex((p, i) => i > 0 && nanos(p.time) < nanos(parsed[i - 1]!.time))
    expect(backwards === -1 ? null : lines.slice(backwards - 1, backwards + 1)).toBeNull()
    // Both containers wrote at once: the merge interleaves them rather than putting one after the other.
    expect(parsed.slice(0, n).some((p) => p.name === b.name)).toBe(true)
    expect(openEngineStreams('logs')).toBe(0)
  })

  it('refuses a merged export when one of the containers is unknown', async () => {
    const { id } = await run.container('merge-known', { cmd: ['echo', 'hi'], start: true })
    const router = new Router(services)
    expect(await router.invoke('logs:export-merged', { ids: [id, 'berth-no-such-container'], timestamps: false })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(server.downloads.pending).toBe(0)
  })
})
