import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { z } from 'zod'
import { topics } from '../../src-shared/contract'
import type { ServerFrame } from '../../src-shared/protocol'
import { StreamRegistry } from '../streams/registry'
import { currentRequestScope } from '../streams/request-scope'
import type { ChannelTable } from './channel-table'
import { MAX_SOCKETS } from './limits'
import { Router } from './router'
import { WsCarrier } from './ws'

// The WebSocket carrier on a loopback server of its own (no engine, no token check: web-server.ts
// authenticates before it hands a socket over). Handlers only record that they ran.

const channels = {
  requests: {
    'containers:list': async () => [],
    'containers:inspect': async () => ({ big: 10n }),
    // An engine that never answers: the handler waits until its request is cancelled.
    'images:list': () =>
      new Promise((resolve) => {
        const signal = currentRequestScope()?.signal
        signal?.addEventListener('abort', () => resolve((aborted += 1)))
      }),
  },
  topics: { 'engine:state': () => ({ key: 'engine', source: () => ({ open: () => () => undefined, initial: () => 'now' }) }) },
} as unknown as ChannelTable

let aborted = 0
let server: Server
let carrier: WsCarrier
let url: string
const log = vi.fn<(line: string) => void>()
const sockets: WebSocket[] = []
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)

beforeAll(async () => {
  carrier = new WsCarrier(new Router({ channels, streams: new StreamRegistry() }, log), log)
  server = createServer((_req, res) => res.end())
  server.on('upgrade', (req, socket, head) => carrier.upgrade(req, socket, head))
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`
  process.on('unhandledRejection', onUnhandled)
})
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled)
  carrier.close()
  await new Promise<void>((done) => server.close(() => done()))
})
beforeEach(() => {
  unhandled.length = 0
  log.mockClear()
})
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate()
  await vi.waitFor(() => expect(carrier.sessionCount).toBe(0))
})

interface Client {
  ws: WebSocket
  seen: ServerFrame[]
  closed: Promise<number>
}

async function connect(): Promise<Client> {
  const ws = new WebSocket(url)
  sockets.push(ws)
  const seen: ServerFrame[] = []
  ws.on('message', (data) => seen.push(JSON.parse(String(data)) as ServerFrame))
  const closed = new Promise<number>((done) => ws.once('close', (code) => done(code)))
  await new Promise((done, fail) => ws.once('open', done).once('error', fail))
  return { ws, seen, closed }
}

const results = (c: Client) => c.seen.filter((f): f is Extract<ServerFrame, { kind: 'result' }> => f.kind === 'result')

describe('the WebSocket carrier’s frames', () => {
  it('answers every malformed or unknown frame with INVALID_INPUT, rejects nothing unhandled, and stays usable', async () => {
    const c = await connect()
    const garbage = ['not json', '{"kind":', '42', 'null', '"invoke"', '[]', '{}', '{"kind":"explode","id":3}', '{"kind":"invoke","id":4,"channel":7}']
    garbage.push('{"kind":"subscribe","id":5,"topic":{"toString":1}}', '{"kind":"invoke","id":1e400,"channel":"containers:list"}', '{"kind":"unsubscribe","sub":{"a":1}}')
    for (const g of garbage) c.ws.send(g)
    c.ws.send(Buffer.from([0xde, 0xad]), { binary: true })
    // Each frame but the unsubscribe (which has no answer) is answered: all refused, but for the
    // well-formed request whose id is out of range, served under id -1.
    await vi.waitFor(() => expect(results(c)).toHaveLength(garbage.length))
    for (const r of results(c).filter((f) => !f.ok)) expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(results(c).filter((f) => f.ok)).toEqual([{ kind: 'result', id: -1, ok: true, value: [] }])

    c.ws.send(JSON.stringify({ kind: 'invoke', id: 20, channel: 'containers:list', params: {} }))
    await vi.waitFor(() => expect(results(c).find((f) => f.id === 20)).toEqual({ kind: 'result', id: 20, ok: true, value: [] }))
    await new Promise((r) => setImmediate(r))
    expect(unhandled).toEqual([])
  })

  it('answers INTERNAL, and rejects nothing unhandled, when a topic schema’s refinement throws', async () => {
    const exploding = z.strictObject({}).refine(() => {
      throw new TypeError('refinement exploded')
    })
    const spy = vi.spyOn(topics['engine:state'].params, 'safeParse').mockImplementation((v) => exploding.safeParse(v) as never)
    try {
      const c = await connect()
      c.ws.send(JSON.stringify({ kind: 'subscribe', id: 1, topic: 'engine:state', params: {} }))
      await vi.waitFor(() => expect(results(c)).toHaveLength(1))
      expect(results(c)[0]).toMatchObject({ id: 1, ok: false, error: { code: 'INTERNAL' } })
      await new Promise((r) => setImmediate(r))
      expect(unhandled).toEqual([])
    } finally {
      spy.mockRestore()
    }
  })

  it('answers INTERNAL for a result JSON cannot carry, and keeps the socket', async () => {
    const c = await connect()
    c.ws.send(JSON.stringify({ kind: 'invoke', id: 1, channel: 'containers:inspect', params: { id: 'web' } }))
    c.ws.send(JSON.stringify({ kind: 'invoke', id: 2, channel: 'containers:list', params: {} }))
    await vi.waitFor(() => expect(results(c)).toHaveLength(2))
    expect(results(c).find((f) => f.id === 1)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(results(c).find((f) => f.id === 2)).toMatchObject({ ok: true })
  })
})

describe('cancelling a request', () => {
  it('answers a request the page cancels (a cancel frame) with CANCELLED, and aborts what it waits for', async () => {
    const c = await connect()
    const before = aborted
    c.ws.send(JSON.stringify({ kind: 'invoke', id: 7, channel: 'images:list', params: {} }))
    c.ws.send(JSON.stringify({ kind: 'cancel', id: 7 }))
    await vi.waitFor(() => expect(results(c)).toEqual([expect.objectContaining({ id: 7, ok: false, error: expect.objectContaining({ code: 'CANCELLED' }) })]))
    expect(aborted).toBe(before + 1)
  })

  it('aborts what a socket’s requests wait for when the socket closes', async () => {
    const c = await connect()
    const before = aborted
    c.ws.send(JSON.stringify({ kind: 'invoke', id: 1, channel: 'images:list', params: {} }))
    await new Promise((resolve) => setTimeout(resolve, 20))
    c.ws.terminate()
    await vi.waitFor(() => expect(aborted).toBe(before + 1))
  })
})

describe('the socket limit', () => {
  it(`serves ${MAX_SOCKETS} sockets at once, tells the next one why it closes, and serves again once one left`, async () => {
    const open: Client[] = []
    for (let i = 0; i < MAX_SOCKETS; i++) open.push(await connect())
    await vi.waitFor(() => expect(carrier.sessionCount).toBe(MAX_SOCKETS))

    const extra = await connect()
    expect(await extra.closed).toBe(1008)
    expect(extra.seen).toEqual([
      {
        kind: 'refused',
        error: { code: 'RATE_LIMITED', message: expect.stringContaining(String(MAX_SOCKETS)), details: { reason: 'too_many_sockets', limit: MAX_SOCKETS } },
      },
    ])
    expect(carrier.sessionCount).toBe(MAX_SOCKETS)

    open[0]!.ws.close()
    await open[0]!.closed
    await vi.waitFor(() => expect(carrier.sessionCount).toBe(MAX_SOCKETS - 1))
    const next = await connect()
    next.ws.send(JSON.stringify({ kind: 'invoke', id: 1, channel: 'containers:list', params: {} }))
    await vi.waitFor(() => expect(results(next)).toEqual([{ kind: 'result', id: 1, ok: true, value: [] }]))
  })
})
