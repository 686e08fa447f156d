import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { connect, createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import type { ServerFrame } from '../../src-shared/protocol'
import { MAX_FRAME_BYTES } from '../../src-shared/protocol'
import type { Services } from '../../src-main/services'
import type { BrowserHost } from '../../src-main/transport/browser-host'
import { openEngineStreams } from '../../src-main/streams/gauge'
import { startWebServer, type WebServer } from '../../src-main/transport/web-server'
import { CONTENT_SECURITY_POLICY } from '../../src-main/transport/csp'
import { requireEngine, startServices } from '../helpers/engine'

const { available } = await requireEngine()

const SECRET = 'BERTH-TEST-SECRET-must-never-be-served'
const INDEX = '<!doctype html><title>Berth test shell</title>'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

describe.skipIf(!available)('browser mode web server', () => {
  let dir: string
  let server: WebServer
  let services: Services<BrowserHost>
  let disposeServices: () => void
  let socketFile: Server | null = null
  const sockets: WebSocket[] = []

  beforeAll(async () => {
    // tmp/package.json sits next to the renderer folder: what a traversal would try to read.
    dir = mkdtempSync(join(tmpdir(), 'berth-it-web-'))
    const renderer = join(dir, 'renderer')
    mkdirSync(join(renderer, 'assets'), { recursive: true })
    writeFileSync(join(renderer, 'index.html'), INDEX)
    writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log("berth")\n')
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ secret: SECRET }))
    const started = await startServices()
    services = started.services
    disposeServices = started.dispose
    server = await startWebServer({ services, rendererDir: renderer })
  })

  afterAll(async () => {
    for (const ws of sockets) ws.terminate()
    socketFile?.close()
    await server?.close()
    disposeServices?.()
    rmSync(dir, { recursive: true, force: true })
  })

  /** One HTTP request with full control of the path and headers (fetch would normalise both). */
  function get(path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path, method, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => (body += d))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      })
      req.on('error', reject)
      // A server that hung (or crashed) answers nothing; fail the request rather than wait forever.
      req.setTimeout(10_000, () => req.destroy(new Error(`no answer to ${method} ${path}`)))
      req.end(body)
    })
  }

  /** Bytes exactly as written, for request lines no HTTP client would send. */
  function raw(text: string): Promise<string> {
    return new Promise((resolve) => {
      const s = connect(server.port, '127.0.0.1')
      let out = ''
      s.setEncoding('utf8')
      s.on('data', (d: string) => (out += d))
      s.on('close', () => resolve(out))
      s.on('error', () => resolve(out))
      s.setTimeout(10_000, () => s.destroy())
      s.write(text)
    })
  }

  /** A WebSocket to the server; resolves open, or rejects with the HTTP status that refused it. */
  function openSocket(opts: { path?: string; headers?: Record<string, string>; origin?: string | null } = {}): Promise<WebSocket> {
    const origin = opts.origin === undefined ? server.origin : opts.origin
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${opts.path ?? `/ws?token=${server.token}`}`, {
      headers: opts.headers ?? {},
      ...(origin !== null ? { origin } : {}),
    })
    sockets.push(ws)
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(ws))
      ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)))
      ws.once('error', reject)
    })
  }

  function frames(ws: WebSocket): ServerFrame[] {
    const list: ServerFrame[] = []
    ws.on('message', (data) => list.push(JSON.parse(String(data)) as ServerFrame))
    return list
  }

  function closed(ws: WebSocket): Promise<number> {
    return new Promise((resolve) => (ws.readyState === ws.CLOSED ? resolve(-1) : ws.once('close', (code) => resolve(code))))
  }

  async function invoke(ws: WebSocket, seen: ServerFrame[], id: number, channel: string, params?: unknown) {
    ws.send(JSON.stringify({ kind: 'invoke', id, channel, params }))
    await vi.waitFor(() => expect(seen.some((f) => f.kind === 'result' && f.id === id)).toBe(true))
    return seen.find((f) => f.kind === 'result' && f.id === id) as Extract<ServerFrame, { kind: 'result' }>
  }

  describe('HTTP', () => {
    it('sets no cookie, for the app or for the link with the token, so no other local server can receive one', async () => {
      for (const path of ['/', `/?token=${server.token}`, '/assets/app.js', '/containers/abc']) {
        const res = await get(path)
        expect(res.headers['set-cookie'], path).toBeUndefined()
        expect(res.status, path).toBe(200)
      }
    })

    it('prints a link whose token is in the fragment, which no request carries', () => {
      const link = new URL(server.url)
      expect(link.origin).toBe(server.origin)
      expect(link.pathname + link.search).toBe('/')
      expect(link.hash).toBe(`#/?token=${server.token}`)
    })

    it('serves the app shell and its files (the public build) with the CSP header', async () => {
      const page = await get('/')
      expect(page.status).toBe(200)
      expect(page.body).toBe(INDEX)
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
      expect(page.headers['x-frame-options']).toBe('DENY')
      expect(page.headers['x-content-type-options']).toBe('nosniff')

      const script = await get('/assets/app.js')
      expect(script.status).toBe(200)
      expect(script.body).toBe('console.log("berth")\n')
      expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8')
      expect(script.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    })

    it('answers client-side routes with the app shell', async () => {
      const res = await get('/containers/abc/logs')
      expect(res.status).toBe(200)
      expect(res.body).toBe(INDEX)
    })

    it('serves the app’s files to GET and HEAD only', async () => {
      expect((await get('/', {}, 'POST', 'x')).status).toBe(405)
      expect((await get('/', {}, 'HEAD')).status).toBe(200)
    })

    it.each([
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/package.json',
      '/..%2fpackage.json',
      '/%2e%2e%2fpackage.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/..%5cpackage.json',
      '/%252e%252e/package.json',
    ])('never serves a file outside the renderer folder for %s', async (path) => {
      const reply = await raw(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`)
      expect(reply).toMatch(/^HTTP\/1\.1 (200|400|403|404)/)
      expect(reply).not.toContain(SECRET)
    })

    it('refuses a Host header other than its own loopback address', async () => {
      for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, '127.0.0.1']) {
        const res = await get('/', { host })
        expect(res.status, host).toBe(421)
        expect(res.body).not.toContain('Berth test shell')
      }
    })

    it('answers a request line it cannot parse as a URL with 400 and keeps serving', async () => {
      const reply = await raw(`GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`)
      expect(reply).toMatch(/^HTTP\/1\.1 400/)
      expect((await get('/')).status).toBe(200)
    })

    it('does not fall over on a path that names a socket instead of a file', async () => {
      socketFile = createServer()
      await new Promise<void>((resolve) => socketFile!.listen(join(dir, 'renderer', 'engine.sock'), resolve))
      const res = await get('/engine.sock')
      expect(res.body).not.toContain(SECRET)
      expect((await get('/')).status).toBe(200)
    })
  })

  describe('uploads', () => {
    it('takes an upload only with the page’s token and our Origin, and a refused try leaves the link usable', async () => {
      const received: string[] = []
      const link = services.host.uploads.offer({
        name: 'a.txt',
        size: 3,
        receive: async (body) => {
          received.push(Buffer.concat((await body.toArray()) as Buffer[]).toString())
          return { stored: true }
        },
      })
      const post = (headers: Record<string, string>) => get(link, { 'content-length': '3', ...headers }, 'POST', 'abc')
      const bearer = `Bearer ${server.token}`
      expect((await post({ origin: server.origin })).status).toBe(403)
      expect((await post({ origin: server.origin, authorization: 'Bearer wrong' })).status).toBe(403)
      expect((await post({ origin: server.origin, cookie: `berth_token=${server.token}` })).status).toBe(403)
      expect((await post({ origin: 'http://127.0.0.1:1', authorization: bearer })).status).toBe(403)
      expect(received).toEqual([])

      const res = await post({ origin: server.origin, authorization: bearer })
      expect(res.status).toBe(200)
      expect(JSON.parse(res.body)).toEqual({ stored: true })
      expect(received).toEqual(['abc'])
      expect((await post({ origin: server.origin, authorization: bearer })).status).toBe(410)
    })
  })

  describe('WebSocket upgrade', () => {
    it('refuses a socket without the token, even one that sends the cookie earlier versions set', async () => {
      await expect(openSocket({ path: '/ws' })).rejects.toThrow('refused with 403')
      await expect(openSocket({ path: '/ws', headers: { cookie: `berth_token=${server.token}` } })).rejects.toThrow('refused with 403')
    })

    it('refuses a wrong token', async () => {
      await expect(openSocket({ path: '/ws?token=wrong' })).rejects.toThrow('refused with 403')
      await expect(openSocket({ path: `/ws?token=${server.token}x` })).rejects.toThrow('refused with 403')
    })

    it('refuses a foreign Origin even with the token', async () => {
      await expect(openSocket({ origin: 'http://evil.example' })).rejects.toThrow('refused with 403')
      await expect(openSocket({ origin: `http://localhost.evil.example:${server.port}` })).rejects.toThrow('refused with 403')
      await expect(openSocket({ origin: null })).rejects.toThrow('refused with 403')
    })

    it('accepts a page opened on localhost, from its own localhost Origin only', async () => {
      const local = `localhost:${server.port}`
      const ws = await openSocket({ headers: { host: local }, origin: `http://${local}` })
      ws.close()
      await expect(openSocket({ headers: { host: local }, origin: server.origin })).rejects.toThrow('refused with 403')
      await expect(openSocket({ headers: {}, origin: `http://${local}` })).rejects.toThrow('refused with 403')
    })

    it('refuses a Host header other than its own', async () => {
      await expect(openSocket({ headers: { host: `evil.example:${server.port}` } })).rejects.toThrow('refused with 403')
    })

    it('refuses a path other than /ws', async () => {
      await expect(openSocket({ path: '/socket' })).rejects.toThrow('refused with 403')
    })

    it('survives clients that reset the connection while being refused', async () => {
      for (let i = 0; i < 20; i++) {
        const s = connect(server.port, '127.0.0.1')
        s.on('error', () => undefined)
        s.write(`GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`)
        s.resetAndDestroy()
      }
      expect((await get('/')).status).toBe(200)
    })
  })

  describe('the contract over the socket', () => {
    it('answers engine:status for a socket with the token and our own Origin', async () => {
      const ws = await openSocket()
      const seen = frames(ws)
      const result = await invoke(ws, seen, 1, 'engine:status')
      expect(result).toMatchObject({ kind: 'result', id: 1, ok: true, value: { state: 'connected', info: { apiVersion: expect.any(String) } } })
      ws.close()
    })

    it('sends a subscription’s first message after the answer that names it', async () => {
      const ws = await openSocket()
      const seen = frames(ws)
      ws.send(JSON.stringify({ kind: 'subscribe', id: 7, topic: 'engine:state' }))
      await vi.waitFor(() => expect(seen.filter((f) => f.kind === 'message')).toHaveLength(1))
      const answer = seen.findIndex((f) => f.kind === 'result' && f.id === 7)
      const first = seen.findIndex((f) => f.kind === 'message')
      expect(answer).toBeGreaterThanOrEqual(0)
      expect(first).toBeGreaterThan(answer)
      const sub = (seen[answer] as { value: string }).value
      expect(seen[first]).toMatchObject({ kind: 'message', sub, data: { state: 'connected' } })
      ws.close()
    })

    it('answers garbage frames with INVALID_INPUT and stays usable', async () => {
      const ws = await openSocket()
      const seen = frames(ws)
      for (const garbage of ['not json', '{"kind":', '42', 'null', '"invoke"', '[]']) ws.send(garbage)
      ws.send(Buffer.from([0xde, 0xad, 0xbe, 0xef]), { binary: true })
      await vi.waitFor(() => expect(seen.filter((f) => f.kind === 'result' && f.id === -1)).toHaveLength(7))
      for (const f of seen) expect(f).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })

      ws.send(JSON.stringify({ kind: 'explode', id: 11 }))
      ws.send(JSON.stringify({ kind: 'invoke', id: 12, channel: 'containers:remove', params: { id: '../x', force: true } }))
      ws.send(JSON.stringify({ kind: 'invoke', id: 13, channel: 'nope:nothing' }))
      ws.send(JSON.stringify({ kind: 'subscribe', id: 14, topic: 'events:stream', params: { __proto__: null, extra: 1 } }))
      ws.send('{"kind":"invoke","id":15,"channel":"containers:start","params":{"id":"web","__proto__":{"polluted":1}}}')
      await vi.waitFor(() => expect(seen.filter((f) => f.kind === 'result' && f.id >= 11)).toHaveLength(5))
      for (const id of [11, 12, 13, 14, 15]) {
        expect(seen.find((f) => f.kind === 'result' && f.id === id)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()

      expect(await invoke(ws, seen, 16, 'engine:status')).toMatchObject({ ok: true })
      ws.close()
    })

    it('closes a socket that sends a frame over 1 MiB, and keeps serving others', async () => {
      const ws = await openSocket()
      ws.on('error', () => undefined)
      const code = closed(ws)
      ws.send('x'.repeat(MAX_FRAME_BYTES + 1))
      expect(await code).toBe(1009)

      const next = await openSocket()
      const seen = frames(next)
      expect(await invoke(next, seen, 1, 'engine:status')).toMatchObject({ ok: true })
      next.close()
    })

    it('drops a socket’s subscriptions when it closes, closing the engine event stream', async () => {
      const ws = await openSocket()
      const seen = frames(ws)
      ws.send(JSON.stringify({ kind: 'subscribe', id: 1, topic: 'events:stream' }))
      ws.send(JSON.stringify({ kind: 'subscribe', id: 2, topic: 'events:stream' }))
      ws.send(JSON.stringify({ kind: 'subscribe', id: 3, topic: 'engine:state' }))
      await vi.waitFor(() => expect(seen.filter((f) => f.kind === 'result' && f.ok)).toHaveLength(3))
      await vi.waitFor(() => expect(openEngineStreams('events')).toBe(1))
      expect(services.streams.subscriberCount('events')).toBe(2)
      expect(server.carrier.sessionCount).toBeGreaterThanOrEqual(1)

      ws.close()
      await vi.waitFor(() => expect(openEngineStreams('events')).toBe(0))
      expect(services.streams.openKeys()).toEqual([])
      await vi.waitFor(() => expect(server.carrier.sessionCount).toBe(0))
    })

    it('drops a socket’s subscriptions when the client vanishes without a close frame', async () => {
      const ws = await openSocket()
      const seen = frames(ws)
      ws.send(JSON.stringify({ kind: 'subscribe', id: 1, topic: 'events:stream' }))
      await vi.waitFor(() => expect(seen.some((f) => f.kind === 'result' && f.ok)).toBe(true))
      await vi.waitFor(() => expect(openEngineStreams('events')).toBe(1))
      ws.terminate()
      await vi.waitFor(() => expect(openEngineStreams('events')).toBe(0))
    })
  })
})
