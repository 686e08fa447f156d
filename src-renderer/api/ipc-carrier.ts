import { isErrorShape, type BerthErrorShape } from '../../src-shared/contract/errors'
import { CANCELLED, type Carrier, type Outcome } from './carrier'

type Bridge = NonNullable<Window['berth']>

export function ipcCarrier(bridge: Bridge): Carrier {
  let nextId = 1
  return {
    async invoke(channel, params, signal) {
      if (signal?.aborted) return { ok: false, error: CANCELLED }
      const id = nextId++
      const cancel = () => bridge.cancel(id)
      signal?.addEventListener('abort', cancel, { once: true })
      try {
        return normalise(await bridge.invoke(channel, params, id))
      } finally {
        signal?.removeEventListener('abort', cancel)
      }
    },
    async subscribe(topic, params, onMessage, onEnd) {
      const out = await bridge.subscribe(topic, params, onMessage, (e) => onEnd(isErrorShape(e) ? e : undefined))
      const n = normalise(out)
      if (!n.ok) return n
      const unsubscribe = n.value as () => Promise<void>
      return { ok: true, value: () => void unsubscribe() }
    },
    onLost() {
      /* IPC lives as long as the window */
    },
  }
}

function normalise(out: { ok: boolean; value?: unknown; error?: unknown }): Outcome {
  if (out.ok) return { ok: true, value: out.value }
  const error: BerthErrorShape = isErrorShape(out.error) ? out.error : { code: 'INTERNAL', message: 'Berth returned an unreadable answer.' }
  return { ok: false, error }
}
