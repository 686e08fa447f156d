// Reconnect delays: 250 ms doubling to a cap, each with ±20% jitter so many clients do not hammer
// a restarting engine in step. The cap is 5 s for a remote engine, 1 s for a local socket that is
// there but refuses: trying one costs a refused connect, and an engine whose socket stays in
// place while it restarts (a proxy's, a socket-activated one) is only noticed back by trying.
export const BACKOFF_BASE_MS = 250
export const BACKOFF_MAX_MS = 5000
export const BACKOFF_LOCAL_MAX_MS = 1000
const JITTER = 0.2

export function backoffDelay(attempt: number, random: () => number = Math.random, maxMs: number = BACKOFF_MAX_MS): number {
  const exponent = Math.max(0, attempt)
  const base = Math.min(maxMs, BACKOFF_BASE_MS * 2 ** Math.min(exponent, 16))
  const jitter = 1 + (random() * 2 - 1) * JITTER
  return Math.round(Math.min(maxMs, base * jitter))
}
