import { BerthError } from '../../../src-shared/contract/errors'
import { engineMessage, toBerthError } from '../errors'

interface Failure {
  statusCode?: number
  json?: unknown
  message?: string
}

// dockerd's words when a host port cannot be bound: another container holds it ("Bind for
// 0.0.0.0:8080 failed: port is already allocated") or another process does ("listen tcp4
// 0.0.0.0:8080: bind: address already in use").
const PORT_TAKEN = /(?:Bind for|listen (?:tcp|udp|sctp)[46]?) (\[?[0-9a-fA-F.:]*\]?):(\d+)(?: failed: port is already allocated|: bind: address already in use)/

/** The host port named in the engine's message when it could not bind one, else null. */
export function takenPort(engineSays: string): { hostIp: string; port: number } | null {
  const m = PORT_TAKEN.exec(engineSays)
  if (!m) return null
  return { hostIp: (m[1] ?? '').replace(/^\[|\]$/g, ''), port: Number(m[2]) }
}

/** Create failed: the image, the name, the network or a limit is the usual cause; each gets its own reason. */
export function createError(err: unknown, image: string, name: string | undefined): BerthError {
  const e = (err ?? {}) as Failure
  if (err instanceof BerthError || e.statusCode === undefined) return toBerthError(err)
  const says = engineMessage(e)
  if (e.statusCode === 404 && /no such image/i.test(says)) {
    return new BerthError('NOT_FOUND', `The image “${image}” is not on this engine. Pull it first, then run it.`, { reason: 'run_image_missing', image, engineMessage: says })
  }
  if (e.statusCode === 404 && /network .* not found/i.test(says)) {
    return new BerthError('NOT_FOUND', `The network does not exist on this engine: ${says}`, { reason: 'run_network_missing', engineMessage: says })
  }
  if (e.statusCode === 409 && /name .* is already in use/i.test(says)) {
    return new BerthError('CONFLICT', `A container named “${name ?? ''}” already exists. Pick another name, or remove that container first.`, {
      reason: 'run_name_taken',
      name: name ?? '',
      engineMessage: says,
    })
  }
  if (e.statusCode === 400 && /range of cpus/i.test(says)) {
    return new BerthError('INVALID_INPUT', `The CPU limit is more than this engine has: ${says}`, { reason: 'run_cpus_too_many', engineMessage: says })
  }
  return toBerthError(err, { kind: 'image', ref: image })
}

/** Start failed: a taken host port is named; anything else is the engine's own error. */
export function startError(err: unknown): BerthError {
  const e = (err ?? {}) as Failure
  if (err instanceof BerthError || e.statusCode === undefined) return toBerthError(err)
  const says = engineMessage(e)
  const taken = takenPort(says)
  if (taken) {
    const where = taken.hostIp && taken.hostIp !== '0.0.0.0' && taken.hostIp !== '::' ? ` on ${taken.hostIp}` : ''
    return new BerthError('CONFLICT', `Host port ${taken.port}${where} is already in use by another container or program. Pick another host port, or stop what uses it.`, {
      reason: 'run_port_taken',
      port: taken.port,
      hostIp: taken.hostIp,
      engineMessage: says,
    })
  }
  return new BerthError(toBerthError(err).code, `The container was created but could not start: ${says}. Berth removed it again.`, { reason: 'run_start_failed', engineMessage: says })
}
