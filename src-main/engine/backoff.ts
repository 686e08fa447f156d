// Reconnect delays: 250 ms doubling to 5 s, each with ±20% jitter so many clients
// do not hammer a restarting engine in step.
export const BACKOFF_BASE_MS = 250
export const BACKOFF_MAX_MS = 5000
const JITTER = 0.2

export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempt)
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(exponent, 16))
  const jitter = 1 + (random() * 2 - 1) * JITTER
  return Math.round(Math.min(BACKOFF_MAX_MS, base * jitter))
}
