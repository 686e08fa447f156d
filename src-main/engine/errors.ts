import { BerthError, type ErrorDetails } from '../../src-shared/contract/errors'

interface EngineFailure {
  statusCode?: number
  code?: string
  json?: unknown
  reason?: string
  message?: string
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])

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
  return msg.replace(/^\(HTTP code \d+\)\s*[\w ]*-\s*/, '').trim()
}

export function isUnreachable(err: unknown): boolean {
  if (err instanceof BerthError) return err.code === 'ENGINE_UNREACHABLE'
  const e = err as EngineFailure
  if (e?.code && UNREACHABLE_CODES.has(e.code)) return true
  return /socket hang up|connect ECONNREFUSED|read ECONNRESET/.test(e?.message ?? '')
}

/**
 * Maps whatever the engine or the socket threw to a BerthError a person can read.
 * `subject` names the object the call was about, for messages like "No container “web”".
 */
export function toBerthError(err: unknown, subject?: { kind: string; ref: string }): BerthError {
  if (err instanceof BerthError) return err
  const e = (err ?? {}) as EngineFailure
  const what = subject ? `${subject.kind} “${subject.ref}”` : 'the object'
  const engineSays = engineMessage(e)
  const details: ErrorDetails = { engineMessage: engineSays }
  if (subject) details.ref = subject.ref

  if (e.code === 'EACCES' || e.code === 'EPERM') {
    return new BerthError('PERMISSION_DENIED', 'Berth may not open the engine socket. Add your user to the docker group or pick another engine in Settings.', { ...details, reason: 'socket_permission' })
  }
  if (isUnreachable(e)) {
    return new BerthError('ENGINE_UNREACHABLE', `The container engine does not answer (${e.code ?? engineSays}).`, { ...details, reason: 'engine_unreachable' })
  }
  switch (e.statusCode) {
    case 400:
      return new BerthError('INVALID_INPUT', `The engine refused the request: ${engineSays}`, details)
    case 401:
    case 403:
      return new BerthError('PERMISSION_DENIED', `The engine refused access: ${engineSays}`, details)
    case 404:
      return new BerthError('NOT_FOUND', `No ${what} exists on this engine; it may have been removed.`, { ...details, reason: 'not_found' })
    case 409:
      return conflict(what, engineSays, details)
    default:
      return new BerthError('INTERNAL', `The engine failed: ${engineSays}`, details)
  }
}

function conflict(what: string, engineSays: string, details: ErrorDetails): BerthError {
  if (/running container|container is running|stop the container before/i.test(engineSays)) {
    return new BerthError('CONFLICT', `${capitalize(what)} is running. Stop it first, or remove it with “force”.`, { ...details, reason: 'container_running' })
  }
  if (/is paused|container .* paused/i.test(engineSays)) {
    return new BerthError('CONFLICT', `${capitalize(what)} is paused. Unpause it first.`, { ...details, reason: 'container_paused' })
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
