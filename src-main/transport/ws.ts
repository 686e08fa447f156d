import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { MAX_FRAME_BYTES, type ClientFrame, type ServerFrame } from '../../src-shared/protocol'
import { BerthError } from '../../src-shared/contract/errors'
import { ClientSession, type Router } from './router'

/** If a client stops reading, its socket is dropped rather than buffering without bound. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024
/** Above this many bytes not yet handed to the OS, fast streams (logs) wait for the socket. */
const CONGESTED_BYTES = 4 * 1024 * 1024

/** Carries the contract over a WebSocket: one ClientSession per socket. */
export class WsCarrier {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })
  private readonly sessions = new Set<ClientSession>()

  constructor(private readonly router: Router) {
    this.wss.on('connection', (ws) => this.attach(ws))
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req))
  }

  get sessionCount(): number {
    return this.sessions.size
  }

  close(): void {
    for (const ws of this.wss.clients) ws.terminate()
    this.wss.close()
  }

  private attach(ws: WebSocket): void {
    const session = new ClientSession()
    this.sessions.add(session)
    // Bytes given to ws but not yet written to the socket, and streams waiting for them to go.
    let queued = 0
    let waiting: (() => void)[] = []
    const release = () => {
      const resume = waiting
      waiting = []
      for (const r of resume) r()
    }
    const send = (frame: ServerFrame) => {
      if (ws.readyState !== ws.OPEN) return
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        ws.terminate()
        return
      }
      const text = JSON.stringify(frame)
      queued += text.length
      ws.send(text, () => {
        queued -= text.length
        if (queued <= CONGESTED_BYTES / 2 && waiting.length) release()
      })
    }
    const sink = {
      message: (sub: string, data: unknown) => send({ kind: 'message', sub, data }),
      end: (sub: string, error?: ReturnType<BerthError['toJSON']>) => send(error ? { kind: 'end', sub, error } : { kind: 'end', sub }),
      congested: () => queued > CONGESTED_BYTES && ws.readyState === ws.OPEN,
      whenClear: (resume: () => void) => (queued > CONGESTED_BYTES && ws.readyState === ws.OPEN ? waiting.push(resume) : resume()),
    }
    const malformed = (why: string) =>
      send({ kind: 'result', id: -1, ok: false, error: new BerthError('INVALID_INPUT', `Berth refused a malformed request (${why}).`, { reason: 'invalid_input' }).toJSON() })
    ws.on('message', (raw, isBinary) => {
      if (isBinary) return malformed('binary frame')
      let frame: ClientFrame
      try {
        frame = JSON.parse(raw.toString()) as ClientFrame
      } catch {
        return malformed('frame is not JSON')
      }
      if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return malformed('frame is not an object')
      void this.handle(session, frame, send, sink)
    })
    // Protocol errors (an oversized frame, invalid UTF-8) arrive here; ws then closes the
    // socket itself with the matching code. Without a listener they would crash the process.
    ws.on('error', () => undefined)
    ws.on('close', () => {
      waiting = []
      this.sessions.delete(session)
      this.router.closeSession(session)
    })
  }

  private async handle(session: ClientSession, frame: ClientFrame, send: (f: ServerFrame) => void, sink: Parameters<Router['subscribe']>[3]): Promise<void> {
    const id = typeof (frame as { id?: unknown }).id === 'number' ? (frame as { id: number }).id : -1
    switch (frame.kind) {
      case 'invoke': {
        const out = await this.router.invoke(frame.channel, frame.params)
        send(out.ok ? { kind: 'result', id, ok: true, value: out.value } : { kind: 'result', id, ok: false, error: out.error })
        return
      }
      case 'subscribe': {
        const out = this.router.subscribe(session, frame.topic, frame.params, sink)
        send(out.ok ? { kind: 'result', id, ok: true, value: out.value } : { kind: 'result', id, ok: false, error: out.error })
        return
      }
      case 'unsubscribe':
        this.router.unsubscribe(session, frame.sub)
        return
      default:
        send({ kind: 'result', id, ok: false, error: new BerthError('INVALID_INPUT', 'Berth refused a malformed request (unknown frame kind).').toJSON() })
    }
  }
}
