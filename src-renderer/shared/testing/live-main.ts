import { nextTick } from 'vue'
import type { ConnectionStatus } from '../../../src-shared/contract'
import { BerthError } from '../../../src-shared/contract/errors'

// A scripted main for a live list's store: one list channel, its `*:changes` topic and the
// engine's status. A test mocks the API client with `liveApi` (vi.mock('…/api', async () =>
// (await import('…/live-main')).liveApi)) and calls `resetLiveMain` before each case.

export const liveMain = {
  /** The rows the list channel answers. */
  list: [] as unknown[],
  listCalls: 0,
  /** Set: the list answers once it resolves (or fails with its rejection). */
  listGate: null as Promise<void> | null,
  /** Set: main accepts the changes subscription once it resolves. */
  subscribeGate: null as Promise<void> | null,
  subscriptions: 0,
  /** Every other request, in order, answered by `answer` (or with undefined). */
  invoked: [] as Array<{ channel: string; params: unknown }>,
  answer: null as null | ((channel: string, params: unknown) => Promise<unknown>),
  onStatus: null as ((s: ConnectionStatus) => void) | null,
  onPatches: null as ((p: unknown[]) => void) | null,
}

async function invoke(channel: string, params?: unknown): Promise<unknown> {
  if (channel.endsWith(':list')) {
    liveMain.listCalls++
    await liveMain.listGate
    return liveMain.list
  }
  if (channel === 'engine:endpoints') return { endpoints: [], activeId: null }
  liveMain.invoked.push({ channel, params })
  return liveMain.answer?.(channel, params)
}

/** As main does: a request whose signal aborts fails with CANCELLED at once. */
function invokeWith(signal: AbortSignal | undefined, channel: string, params?: unknown): Promise<unknown> {
  const answer = invoke(channel, params)
  if (!signal) return answer
  const cancelled = new Promise<never>((_resolve, reject) => signal.addEventListener('abort', () => reject(new BerthError('CANCELLED', 'The request was cancelled.', { reason: 'cancelled' }))))
  return Promise.race([answer, cancelled])
}

export const liveApi = {
  api: () => ({
    onLost: () => undefined,
    invoke,
    invokeWith,
    subscribe: async (topic: string, _params: unknown, onMessage: (m: unknown) => void) => {
      if (topic === 'engine:state') {
        liveMain.onStatus = onMessage as (s: ConnectionStatus) => void
        return () => undefined
      }
      if (!topic.endsWith(':changes')) throw new Error(`unexpected ${topic}`)
      await liveMain.subscribeGate
      liveMain.subscriptions++
      liveMain.onPatches = onMessage as (p: unknown[]) => void
      return () => {
        liveMain.subscriptions--
        liveMain.onPatches = null
      }
    },
  }),
}

export function resetLiveMain(list: unknown[]): void {
  Object.assign(liveMain, { list, listCalls: 0, listGate: null, subscribeGate: null, subscriptions: 0, invoked: [], answer: null, onPatches: null })
}

/** Main sends one batch of patches on the changes topic. */
export const sendPatches = (...patches: Array<{ key: string; row: unknown }>) => liveMain.onPatches?.(patches)

/** The engine's status as main reports it. */
export const status = (state: ConnectionStatus['state'], endpoint = 'local'): ConnectionStatus => ({
  state,
  endpoint: { id: endpoint, name: endpoint, url: 'unix:///var/run/docker.sock', source: 'socket', present: true },
  info: null,
  error: state === 'disconnected' ? { code: 'ENGINE_UNREACHABLE', message: 'gone' } : null,
  nextRetryAt: null,
  watchingSocket: false,
  trigger: 'choose',
  attempt: 0,
})

export const settle = async () => {
  for (let i = 0; i < 5; i++) await nextTick()
}

/** A promise the test opens when it likes. */
export function gate(): { open: () => void; promise: Promise<void> } {
  let open!: () => void
  const promise = new Promise<void>((r) => (open = r))
  return { open, promise }
}

/** A request the test answers when it likes. */
export function request<T = void>() {
  let resolve!: (v: T) => void
  let reject!: (e: Error) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}
