import type { BerthErrorShape } from '../../src-shared/contract/errors'
import type { ClientFrame, ServerFrame } from '../../src-shared/protocol'
import { CANCELLED, type Carrier, type Outcome } from './carrier'

// A request frame before it gets its id (Omit does not distribute over a union).
type RequestFrame = { kind: 'invoke'; channel: string; params: unknown } | { kind: 'subscribe'; topic: string; params: unknown }

interface Pending {
  resolve(o: Outcome): void
}

const LOST: BerthErrorShape = { code: 'INTERNAL', message: 'The connection to Berth was lost. Reload the page once Berth runs again.', details: { reason: 'backend_lost' } }

/** Browser mode: the contract over a WebSocket to the page's own origin (the URL carries the token). */
export function wsCarrier(url: string): Carrier {
  const socket = new WebSocket(url)
  const ready = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true })
    socket.addEventListener('close', () => reject(new Error('closed')), { once: true })
  })
  ready.catch(() => undefined)
  const pending = new Map<number, Pending>()
  const streams = new Map<string, { onMessage(d: unknown): void; onEnd(e?: BerthErrorShape): void }>()
  const lostListeners: ((why: BerthErrorShape) => void)[] = []
  let nextId = 1
  let lost = false
  // Why the socket closes when main said so first (too many pages open); else it was lost.
  let why = LOST

  socket.addEventListener('message', (ev) => {
    const frame = JSON.parse(String(ev.data)) as ServerFrame
    switch (frame.kind) {
      case 'result': {
        const p = pending.get(frame.id)
        pending.delete(frame.id)
        p?.resolve(frame.ok ? { ok: true, value: frame.value } : { ok: false, error: frame.error })
        return
      }
      case 'message':
        streams.get(frame.sub)?.onMessage(frame.data)
        return
      case 'end': {
        const s = streams.get(frame.sub)
        streams.delete(frame.sub)
        s?.onEnd(frame.error)
        return
      }
      case 'refused':
        why = frame.error
    }
  })
  socket.addEventListener('close', () => {
    lost = true
    for (const p of pending.values()) p.resolve({ ok: false, error: why })
    pending.clear()
    for (const s of streams.values()) s.onEnd(why)
    streams.clear()
    for (const l of lostListeners) l(why)
  })

  const call = async (frame: RequestFrame, signal?: AbortSignal): Promise<Outcome> => {
    try {
      await ready
    } catch {
      return { ok: false, error: why }
    }
    if (lost) return { ok: false, error: why }
    if (signal?.aborted) return { ok: false, error: CANCELLED }
    const id = nextId++
    // Main answers a cancelled request CANCELLED; that answer settles the call as any other.
    const cancel = () => !lost && socket.send(JSON.stringify({ kind: 'cancel', id } satisfies ClientFrame))
    signal?.addEventListener('abort', cancel, { once: true })
    return new Promise<Outcome>((resolve) => {
      pending.set(id, { resolve })
      socket.send(JSON.stringify({ ...frame, id }))
    }).finally(() => signal?.removeEventListener('abort', cancel))
  }

  return {
    invoke: (channel, params, signal) => call({ kind: 'invoke', channel, params }, signal),
    async subscribe(topic, params, onMessage, onEnd) {
      const out = await call({ kind: 'subscribe', topic, params })
      if (!out.ok) return out
      const sub = out.value as string
      streams.set(sub, { onMessage, onEnd })
      return {
        ok: true,
        value: () => {
          if (!streams.delete(sub) || lost) return
          socket.send(JSON.stringify({ kind: 'unsubscribe', sub } satisfies ClientFrame))
        },
      }
    },
    onLost(listener) {
      if (lost) listener(why)
      else lostListeners.push(listener)
    },
  }
}
