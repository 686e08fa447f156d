import { AsyncLocalStorage } from 'node:async_hooks'
import { BerthError } from '../../src-shared/contract/errors'

/**
 * The contract request an engine call is made for: its cancel signal, and whether it is still
 * waiting for its answer. Carried by AsyncLocalStorage, so engine calls deep in a service learn
 * of a cancel without every signature taking a signal.
 */
export interface RequestScope {
  readonly signal: AbortSignal
  /** False once the request has its answer: work it left behind (a retry timer) is no longer its own. */
  readonly open: boolean
}

const storage = new AsyncLocalStorage<RequestScope>()

/** The scope of the request this code runs for, while that request still waits; else null. */
export function currentRequestScope(): RequestScope | null {
  const scope = storage.getStore()
  return scope?.open ? scope : null
}

/**
 * Runs a request's handler in its scope. Settles with the handler's answer, or with CANCELLED as
 * soon as `signal` aborts (the handler's own later answer is then dropped).
 */
export async function inRequestScope<T>(signal: AbortSignal | undefined, run: () => T | Promise<T>): Promise<T> {
  if (signal?.aborted) throw cancelled()
  const scope = { signal: signal ?? new AbortController().signal, open: true }
  let reject: (err: unknown) => void = () => undefined
  const aborted = new Promise<never>((_resolve, fail) => (reject = fail))
  const onAbort = () => reject(cancelled())
  scope.signal.addEventListener('abort', onAbort, { once: true })
  const answered = storage.run(scope, async () => run())
  // Whichever loses the race settles unobserved.
  answered.catch(() => undefined)
  aborted.catch(() => undefined)
  try {
    return await Promise.race([answered, aborted])
  } finally {
    scope.open = false
    scope.signal.removeEventListener('abort', onAbort)
  }
}

export function cancelled(): BerthError {
  return new BerthError('CANCELLED', 'The request was cancelled.', { reason: 'cancelled' })
}
