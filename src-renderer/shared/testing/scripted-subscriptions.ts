import { vi } from 'vitest'

// A scripted main for tests of streams (live figures, logs, terminals, builds): which
// subscriptions are open, with what, the most open at once, and the requests sent beside them.
// A test mocks the API client with `scriptedApi` and resets after each case.

interface Open {
  topic: string
  params: Record<string, unknown>
  onMessage: (m: unknown) => void
  onEnd: (e?: unknown) => void
}

export const main = {
  open: new Map<number, Open>(),
  next: 1,
  /** Set: subscribe is refused with this error. */
  refuse: null as null | { code: string; message: string },
  /** The most subscriptions open at once. */
  peak: 0,
  /** Set: subscribing to any other topic fails, as a session asking for the wrong stream would. */
  topic: null as string | null,
  /** Every request, in order, answered by `answer` (or with undefined). */
  calls: [] as Array<{ channel: string; params: Record<string, unknown> }>,
  answer: null as null | ((channel: string, params: Record<string, unknown>) => unknown),
}

async function invoke(channel: string, params: Record<string, unknown> = {}): Promise<unknown> {
  main.calls.push({ channel, params })
  return main.answer?.(channel, params)
}

export const scriptedApi = {
  api: () => ({
    onLost: () => undefined,
    invoke,
    invokeWith: (_signal: AbortSignal | undefined, channel: string, params?: Record<string, unknown>) => invoke(channel, params),
    subscribe: async (topic: string, params: Record<string, unknown>, onMessage: (m: unknown) => void, onEnd: (e?: unknown) => void = () => undefined) => {
      if (main.topic !== null && topic !== main.topic) throw new Error(`unexpected ${topic}`)
      if (main.refuse) throw main.refuse
      const id = main.next++
      main.open.set(id, { topic, params, onMessage, onEnd })
      main.peak = Math.max(main.peak, main.open.size)
      return () => main.open.delete(id)
    },
  }),
}

/** The one open subscription (the first, when several are). */
export const only = (): Open | undefined => [...main.open.values()][0]

export function resetMain(): void {
  main.open.clear()
  main.next = 1
  main.refuse = null
  main.peak = 0
  main.topic = null
  main.calls = []
  main.answer = null
  vi.useRealTimers()
  vi.unstubAllGlobals()
}

/** A page whose visibility the test turns, as a minimised or restored window would. */
export function fakePage(state: 'visible' | 'hidden' = 'visible') {
  const page = Object.assign(new EventTarget(), { visibilityState: state })
  vi.stubGlobal('document', page)
  return (next: 'visible' | 'hidden') => {
    page.visibilityState = next
    page.dispatchEvent(new Event('visibilitychange'))
  }
}
