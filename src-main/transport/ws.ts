import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { MAX_FRAME_BYTES, type ServerFrame } from '../../src-shared/protocol'
import { BerthError } from '../../src-shared/contract/errors'
import { MAX_SOCKETS } from './limits'
import { ClientSession, type InternalLog, type Router, type StreamSink } from './router'

/** If a client stops reading, its socket is dropped rather than buffering without bound. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024
/** Above this many bytes not yet handed to the OS, fast streams (logs) wait for the socket. */
const CONGESTED_BYTES = 4 * 1024 * 1024
/** WebSocket close code for "policy violation": main will not serve this socket. */
const CLOSE_POLICY = 1008

/** Carries the contract over a WebSocket: one ClientSession per socket, at most MAX_SOCKETS at once. */
export class WsCarrier {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })
  private readonly sessions = new Set<ClientSession>()

  constructor(
    private readonly router: Router,
    private readonly log: InternalLog = (line) => console.error(line),
  ) {
    this.wss.on('connection', (ws) => (this.sessions.size >= MAX_SOCKETS ? this.refuse(ws) : this.attach(ws)))
  }

  /** Takes an upgrade the server has already authenticated (token, Origin, Host). */
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

  /** Past the limit the socket opens only to say why it closes: a browser cannot read a refused upgrade's status. */
  private refuse(ws: WebSocket): void {
    ws.on('error', () => undefined)
    const error = new BerthError('RATE_LIMITED', `Berth already serves ${MAX_SOCKETS} open pages, the most it allows. Close another Berth tab, then reload this one.`, {
      reason: 'too_many_sockets',
      limit: MAX_SOCKETS,
    }).toJSON()
    ws.send(JSON.stringify({ kind: 'refused', error } satisfies ServerFrame), () => ws.close(CLOSE_POLICY, 'too many sockets'))
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
      const text = serialise(frame)
      if (text === null) return this.log(`berth: dropped a ${frame.kind} frame that cannot be sent as JSON`)
      queued += text.length
      ws.send(text, () => {
        queued -= text.length
        if (queued <= CONGESTED_BYTES / 2 && waiting.length) release()
      })
    }
    const sink: StreamSink = {
      message: (sub, data) => send({ kind: 'message', sub, data }),
      end: (sub, error) => send(error ? { kind: 'end', sub, error } : { kind: 'end', sub }),
      congested: () => queued > CONGESTED_BYTES && ws.readyState === ws.OPEN,
      whenClear: (resume) => (queued > CONGESTED_BYTES && ws.readyState === ws.OPEN ? waiting.push(resume) : resume()),
    }
    ws.on('message', (raw, isBinary) => {
      // Whatever a frame holds, the socket answers it with a value: no throw or rejection
      // may leave this listener (ws would not catch it, and Node ends on an unhandled one).
      this.handle(session, raw, isBinary, send, sink).catch((err: unknown) => {
        this.log(`berth: unexpected ${err instanceof Error ? err.name : typeof err} handling a WebSocket frame`)
        send({ kind: 'result', id: -1, ok: false, error: new BerthError('INTERNAL', 'Something went wrong inside Berth while handling a request.').toJSON() })
      })
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

  private async handle(session: ClientSession, raw: WebSocket.RawData, isBinary: boolean, send: (f: ServerFrame) => void, sink: StreamSink): Promise<void> {
    const malformed = (why: string, id = -1) =>
      send({ kind: 'result', id, ok: false, error: new BerthError('INVALID_INPUT', `Berth refused a malformed request (${why}).`, { reason: 'invalid_input' }).toJSON() })
    if (isBinary) return malformed('binary frame')
    let frame: unknown
    try {
      frame = JSON.parse(raw.toString())
    } catch {
      return malformed('frame is not JSON')
    }
    if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return malformed('frame is not an object')
    const f = frame as Partial<Record<'kind' | 'id' | 'channel' | 'topic' | 'params' | 'sub', unknown>>
    const id = typeof f.id === 'number' && Number.isSafeInteger(f.id) ? f.id : -1
    switch (f.kind) {
      case 'invoke': {
        const out = await this.router.invokeFor(session, f.id, f.channel, f.params)
        send(out.ok ? { kind: 'result', id, ok: true, value: out.value } : { kind: 'result', id, ok: false, error: out.error })
        return
      }
      case 'subscribe': {
        const out = this.router.subscribe(session, f.topic, f.params, sink)
        send(out.ok ? { kind: 'result', id, ok: true, value: out.value } : { kind: 'result', id, ok: false, error: out.error })
        return
      }
      case 'unsubscribe':
        this.router.unsubscribe(session, f.sub)
        return
      case 'cancel':
        session.inFlight.cancel(f.id)
        return
      default:
        return malformed('unknown frame kind', id)
    }
  }
}

/**
 * A value JSON cannot carry (a BigInt, a cycle) fails its own frame, not the socket: an answer
 * becomes an INTERNAL answer, an end keeps its place with INTERNAL, a stream message is dropped.
 */
function serialise(frame: ServerFrame): string | null {
  try {
    return JSON.stringify(frame)
  } catch {
    const error = new BerthError('INTERNAL', 'Berth could not send an answer: it held a value that cannot be sent.').toJSON()
    if (frame.kind === 'result') return JSON.stringify({ kind: 'result', id: frame.id, ok: false, error } satisfies ServerFrame)
    if (frame.kind === 'end') return JSON.stringify({ kind: 'end', sub: frame.sub, error } satisfies ServerFrame)
    return null
  }
}
