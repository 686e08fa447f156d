import { vi } from 'vitest'

// A scripted main for tests of live figures: which subscriptions are open, with what, and the
// most open at once. A test mocks the API client with `scriptedApi` and resets after each case.

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
}

export const scriptedApi = {
  api: () => ({
    subscribe: async (topic: string, params: Record<string, unknown>, onMessage: (m: unknown) => void, onEnd: (e?: unknown) => void = () => undefined) => {
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
