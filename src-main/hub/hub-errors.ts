import { BerthError } from '../../src-shared/contract/errors'
import { waitWords } from '../../src-shared/hub-wait'

// What a failed conversation with Docker Hub means, in words.

const NETWORK_WHY: Record<string, string> = {
  ECONNREFUSED: 'nothing answers at its address',
  ENOTFOUND: 'its host name is unknown (is this computer offline?)',
  EAI_AGAIN: 'its host name could not be looked up (is this computer offline?)',
  ECONNRESET: 'the connection was cut',
  ETIMEDOUT: 'it did not answer in time',
  EHOSTUNREACH: 'its host cannot be reached',
  ENETUNREACH: 'the network is unreachable (is this computer offline?)',
  UND_ERR_CONNECT_TIMEOUT: 'it did not answer in time',
  UND_ERR_SOCKET: 'the connection was cut',
  UND_ERR_HEADERS_TIMEOUT: 'it did not answer in time',
  UND_ERR_BODY_TIMEOUT: 'it did not answer in time',
}

function hubUnreachable(why: string): BerthError {
  return new BerthError('INTERNAL', `Docker Hub cannot be reached: ${why}. The rest of Berth works without it.`, { reason: 'hub_unreachable' })
}

/** A fetch that got no HTTP answer (or whose body never finished). */
export function hubNetworkError(err: unknown, timeoutMs: number): BerthError {
  if (err instanceof BerthError) return err
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } }
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return hubUnreachable(`it did not answer within ${Math.round(timeoutMs / 1000)} seconds`)
  const code = e?.cause?.code
  return hubUnreachable((code && NETWORK_WHY[code]) ?? e?.cause?.message ?? e?.message ?? 'the connection failed')
}

export function hubRateLimited(retryAfter: number | null): BerthError {
  const when = retryAfter === null ? 'try again in a few minutes' : `try again in ${waitWords(retryAfter)}`
  return new BerthError('RATE_LIMITED', `Docker Hub is limiting requests from this address; ${when}.`, {
    reason: 'hub_rate_limited',
    retryAfterSeconds: retryAfter,
  })
}

export function hubNotFound(what: string): BerthError {
  return new BerthError('NOT_FOUND', `Docker Hub has no ${what}.`, { reason: 'hub_not_found', what })
}

export function hubBadResponse(why: string): BerthError {
  return new BerthError('INTERNAL', `Docker Hub answered with something Berth cannot read (${why}).`, { reason: 'hub_bad_response' })
}

export function hubHttpError(status: number, what: string): BerthError {
  if (status >= 500) return new BerthError('INTERNAL', `Docker Hub failed to answer for ${what} (HTTP ${status}); try again later.`, { reason: 'hub_server_error', status })
  return new BerthError('INTERNAL', `Docker Hub refused the request for ${what} (HTTP ${status}).`, { reason: 'hub_refused', status })
}
