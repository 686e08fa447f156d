import { BerthError, type ErrorDetails } from '../../src-shared/contract/errors'

/** The object an engine call was about, named in its error message. */
export interface ErrorSubject {
  kind: 'container' | 'image' | 'volume' | 'network'
  ref: string
}

interface EngineFailure {
  statusCode?: number
  code?: string
  json?: unknown
  reason?: string
  message?: string
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])

// Why the engine could not be reached, in words; the raw code stays in details.
const UNREACHABLE_WHY: Record<string, string> = {
  ECONNREFUSED: 'nothing is listening at its address',
  ENOENT: 'its socket does not exist',
  ECONNRESET: 'the connection was cut',
  EPIPE: 'the connection was cut',
  ETIMEDOUT: 'it did not answer in time',
  EHOSTUNREACH: 'its host cannot be reached',
  ENETUNREACH: 'its network cannot be reached',
  ENOTFOUND: 'its host name is unknown',
  EAI_AGAIN: 'its host name could not be looked up',
}

// Node's codes for an engine certificate Berth's CA file does not vouch for.
const TLS_UNTRUSTED_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
])

type TlsFailure = 'engine_tls_untrusted' | 'engine_tls_refused' | 'engine_tls_failed'

/** What went wrong setting up TLS with the engine, if that is what went wrong. */
function tlsFailure(e: EngineFailure): TlsFailure | null {
  const code = e.code ?? ''
  if (TLS_UNTRUSTED_CODES.has(code)) return 'engine_tls_untrusted'
  // The engine sent an alert: it did not accept Berth's client certificate (or its absence).
  if (code.startsWith('ERR_SSL_') && code.includes('_ALERT_')) return 'engine_tls_refused'
  if (code.startsWith('ERR_SSL_') || code === 'EPROTO') return 'engine_tls_failed'
  return null
}

const TLS_WHY: Record<TlsFailure, string> = {
  engine_tls_untrusted:
    'Berth does not trust the engine’s TLS certificate ({detail}). Check ca.pem in the engine’s certificate folder (DOCKER_CERT_PATH or the context’s TLS folder), or pick another engine in Settings.',
  engine_tls_refused: 'The engine refused Berth’s TLS client certificate ({detail}). Check cert.pem and key.pem in the engine’s certificate folder, or pick another engine in Settings.',
  engine_tls_failed: 'Berth could not set up TLS with the engine ({detail}). Check that this address is an engine that speaks TLS, or pick another engine in Settings.',
}

/** OpenSSL's reason without its error-stack prefix: "tlsv13 alert certificate required". */
function tlsDetail(message: string): string {
  const m = /SSL routines:[^:]*:([^:]+)/.exec(message)
  return (m?.[1] ?? message).trim()
}

/** The engine's own sentence, without dockerode's "(HTTP code 409) conflict -" prefix. */
export function engineMessage(err: EngineFailure): string {
  const json = err.json
  if (json && typeof json === 'object' && 'message' in json && typeof (json as { message: unknown }).message === 'string') {
    return (json as { message: string }).message.trim()
  }
  if (Buffer.isBuffer(json)) {
    const text = json.toString('utf8').trim()
    try {
      const parsed = JSON.parse(text) as { message?: unknown }
      if (typeof parsed.message === 'string') return parsed.message.trim()
    } catch {
      /* not JSON: use the text itself */
    }
    if (text) return text
  }
  const msg = err.message ?? String(err)
  // A 304 has no body: dockerode's reason ("container already started") is all there is.
  return msg.replace(/^\(HTTP code \d+\)\s*[\w ]*-\s*/, '').trim() || (err.reason ?? '').trim()
}

export function isUnreachable(err: unknown): boolean {
  if (err instanceof BerthError) return err.code === 'ENGINE_UNREACHABLE'
  const e = err as EngineFailure
  if (e?.code && UNREACHABLE_CODES.has(e.code)) return true
  if (e && tlsFailure(e)) return true
  return /socket hang up|connect ECONNREFUSED|read ECONNRESET/.test(e?.message ?? '')
}

/**
 * Maps whatever the engine or the socket threw to a BerthError a person can read.
 * `subject` names the object the call was about, for messages like "No container “web”".
 */
export function toBerthError(err: unknown, subject?: ErrorSubject): BerthError {
  if (err instanceof BerthError) return err
  const e = (err ?? {}) as EngineFailure
  const what = subject ? `${subject.kind} “${subject.ref}”` : 'the object'
  const engineSays = engineMessage(e)
  const details: ErrorDetails = { engineMessage: engineSays }
  if (subject) details.ref = subject.ref

  if (e.code === 'EACCES' || e.code === 'EPERM') {
    return new BerthError('PERMISSION_DENIED', 'Berth may not open the engine socket. Add your user to the docker group or pick another engine in Settings.', {
      ...details,
      reason: 'socket_permission',
    })
  }
  const tls = tlsFailure(e)
  if (tls) {
    const detail = tlsDetail(e.message ?? e.code ?? '')
    return new BerthError('ENGINE_UNREACHABLE', TLS_WHY[tls].replace('{detail}', detail), { ...details, reason: tls, detail, ...(e.code ? { errno: e.code } : {}) })
  }
  if (isUnreachable(e)) {
    const why = (e.code && UNREACHABLE_WHY[e.code]) ?? 'the connection failed'
    return new BerthError('ENGINE_UNREACHABLE', `Berth cannot reach the container engine: ${why}. Start the engine, or pick another one in Settings.`, {
      ...details,
      reason: 'engine_unreachable',
      ...(e.code ? { errno: e.code } : {}),
    })
  }
  switch (e.statusCode) {
    case 400:
      return new BerthError('INVALID_INPUT', `The engine refused the request: ${engineSays}`, details)
    case 401:
    case 403:
      return new BerthError('PERMISSION_DENIED', `The engine refused access: ${engineSays}`, details)
    case 304:
      return new BerthError('CONFLICT', `Nothing to do: ${what} is already in that state (${engineSays}).`, { ...details, reason: 'already_in_state' })
    case 404:
      return new BerthError('NOT_FOUND', `${capitalize(what)} does not exist on this engine; it may have been removed.`, { ...details, reason: 'not_found' })
    case 409:
      return conflict(what, engineSays, details)
    case 500:
      // Engine 20.10 answers "unpause" of a container that is not paused with a 500.
      if (/is not paused/i.test(engineSays)) return conflict(what, engineSays, details)
      return new BerthError('INTERNAL', `The engine failed: ${engineSays}`, details)
    default:
      return new BerthError('INTERNAL', `The engine failed: ${engineSays}`, details)
  }
}

function conflict(what: string, engineSays: string, details: ErrorDetails): BerthError {
  // Paused first: the engine's "remove a paused container" text also says "stop the container before".
  if (/is not paused/i.test(engineSays)) {
    return new BerthError('CONFLICT', `${capitalize(what)} is not paused.`, { ...details, reason: 'container_not_paused' })
  }
  if (/is already paused/i.test(engineSays)) {
    return new BerthError('CONFLICT', `${capitalize(what)} is already paused.`, { ...details, reason: 'container_already_paused' })
  }
  if (/paused container|is paused/i.test(engineSays)) {
    return new BerthError('CONFLICT', `${capitalize(what)} is paused. Unpause it first.`, { ...details, reason: 'container_paused' })
  }
  if (/running container|container is running|stop the container before/i.test(engineSays)) {
    return new BerthError('CONFLICT', `${capitalize(what)} is running. Stop it first, or remove it with “force”.`, { ...details, reason: 'container_running' })
  }
  if (/is not running/i.test(engineSays)) {
    return new BerthError('CONFLICT', `${capitalize(what)} is not running.`, { ...details, reason: 'container_not_running' })
  }
  if (/already in progress/i.test(engineSays)) {
    return new BerthError('CONFLICT', `Another action on ${what} is still in progress.`, { ...details, reason: 'in_progress' })
  }
  return new BerthError('CONFLICT', `${capitalize(what)} is in a state that does not allow this: ${engineSays}`, details)
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
