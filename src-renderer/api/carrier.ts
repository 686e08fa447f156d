import type { BerthErrorShape } from '../../src-shared/contract/errors'

export type Outcome<T = unknown> = { ok: true; value: T } | { ok: false; error: BerthErrorShape }

/** The answer to a request the page cancelled before it was sent. */
export const CANCELLED: BerthErrorShape = { code: 'CANCELLED', message: 'The request was cancelled.', details: { reason: 'cancelled' } }

/** How the renderer reaches main: Electron IPC or a loopback WebSocket. Same contract either way. */
export interface Carrier {
  /** An aborted `signal` tells main to stop: the answer is then CANCELLED. */
  invoke(channel: string, params: unknown, signal?: AbortSignal): Promise<Outcome>
  subscribe(topic: string, params: unknown, onMessage: (data: unknown) => void, onEnd: (error?: BerthErrorShape) => void): Promise<Outcome<() => void>>
  /** Called when the carrier itself is lost (browser mode: the socket closed), with why. */
  onLost(listener: (why: BerthErrorShape) => void): void
}
