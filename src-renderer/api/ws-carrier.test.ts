import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { WebSocket as NodeWebSocket, WebSocketServer, type WebSocket as ServerSocket } from 'ws'
import type { BerthErrorShape } from '../../src-shared/contract/errors'
import type { ServerFrame } from '../../src-shared/protocol'
import { wsCarrier } from './ws-carrier'

// The page's side of the socket against a plain ws server that plays main (Node 20 has no
// WebSocket of its own: ws's client stands in for the browser's).

const REFUSAL: BerthErrorShape = { code: 'RATE_LIMITED', message: 'Berth already serves 8 open pages.', details: { reason: 'too_many_sockets', limit: 8 } }

let wss: WebSocketServer
let url: string
let onConnection: (ws: ServerSocket) => void = () => undefined

beforeAll(async () => {
  vi.stubGlobal('WebSocket', NodeWebSocket)
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  wss.on('connection', (ws) => onConnection(ws))
  await new Promise<void>((done) => wss.once('listening', () => done()))
  url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws?token=t`
})
afterAll(async () => {
  vi.unstubAllGlobals()
  await new Promise<void>((done) => wss.close(() => done()))
})

describe('wsCarrier', () => {
  it('answers every call, and tells its lost listeners, with the reason main gave for closing the socket', async () => {
    onConnection = (ws) => ws.send(JSON.stringify({ kind: 'refused', error: REFUSAL } satisfies ServerFrame), () => ws.close(1008))
    const carrier = wsCarrier(url)
    const lost = new Promise<BerthErrorShape>((resolve) => carrier.onLost(resolve))
    expect(await carrier.invoke('containers:list', {})).toEqual({ ok: false, error: REFUSAL })
    expect(await lost).toEqual(REFUSAL)
  })

  it('says the connection was lost when the socket closes without a reason', async () => {
    onConnection = (ws) => ws.close()
    const carrier = wsCarrier(url)
    const lost = new Promise<BerthErrorShape>((resolve) => carrier.onLost(resolve))
    expect(await lost).toMatchObject({ details: { reason: 'backend_lost' } })
    expect(await carrier.invoke('containers:list', {})).toMatchObject({ ok: false, error: { details: { reason: 'backend_lost' } } })
  })

  it('tells main a cancelled request’s id (a cancel frame), and settles it with main’s CANCELLED answer', async () => {
    const frames: { kind: string; id?: number }[] = []
    const served: ServerSocket[] = []
    onConnection = (ws) => {
      served.push(ws)
      ws.on('message', (raw) => {
        const f = JSON.parse(String(raw)) as { kind: string; id: number }
        frames.push(f)
        if (f.kind === 'cancel') ws.send(JSON.stringify({ kind: 'result', id: f.id, ok: false, error: { code: 'CANCELLED', message: 'The request was cancelled.' } } satisfies ServerFrame))
      })
    }
    const carrier = wsCarrier(url)
    const controller = new AbortController()
    const answer = carrier.invoke('containers:list', {}, controller.signal)
    await vi.waitFor(() => expect(frames).toHaveLength(1))
    controller.abort()
    expect(await answer).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(frames).toEqual([expect.objectContaining({ kind: 'invoke', id: 1 }), { kind: 'cancel', id: 1 }])
    for (const ws of served) ws.terminate()
  })
})
