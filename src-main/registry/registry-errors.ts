import { BerthError } from '../../src-shared/contract/errors'

// What a registry's HTTP answers and network failures mean, in words. Messages name the registry
// and never carry a credential.

const NETWORK_WHY: Record<string, string> = {
  ECONNREFUSED: 'nothing is listening at its address',
  ENOTFOUND: 'its host name is unknown',
  EAI_AGAIN: 'its host name could not be looked up',
  ECONNRESET: 'the connection was cut',
  ETIMEDOUT: 'it did not answer in time',
  EHOSTUNREACH: 'its host cannot be reached',
  ENETUNREACH: 'its network cannot be reached',
  UND_ERR_CONNECT_TIMEOUT: 'it did not answer in time',
  UND_ERR_SOCKET: 'the connection was cut',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate is not trusted',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another name',
  EPROTO: 'it does not speak HTTPS',
}

export function unreachable(registry: string, why: string): BerthError {
  return new BerthError('INTERNAL', `Berth cannot reach the registry ${registry}: ${why}.`, { reason: 'registry_unreachable', registry })
}

/** A failed fetch (no HTTP answer at all). */
export function networkError(registry: string, err: unknown): BerthError {
  if (err instanceof BerthError) return err
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } }
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return unreachable(registry, 'it did not answer in time')
  const code = e?.cause?.code
  const why = (code && NETWORK_WHY[code]) ?? e?.cause?.message ?? e?.message ?? 'the connection failed'
  return unreachable(registry, why)
}

interface RegistryErrorBody {
  errors?: { code?: string; message?: string }[]
}

/** A non-2xx answer of the v2 API (its JSON `errors` body when there is one). */
export function httpError(registry: string, status: number, body: string, what: string): BerthError {
  let first: { code?: string; message?: string } | undefined
  try {
    first = (JSON.parse(body) as RegistryErrorBody).errors?.[0]
  } catch {
    first = undefined
  }
  const code = first?.code ?? ''
  const says = first?.message ? ` (${first.message})` : ''
  const details = { registry, status, ...(code ? { registryCode: code } : {}) }
  if (status === 401 || status === 403 || code === 'DENIED' || code === 'UNAUTHORIZED') {
    return new BerthError('PERMISSION_DENIED', `The registry ${registry} refused access to ${what}${says}. Log in with an account that may read it.`, { ...details, reason: 'registry_unauthorized' })
  }
  if (status === 429 || code === 'TOOMANYREQUESTS') {
    return new BerthError('RATE_LIMITED', `The registry ${registry} asks Berth to slow down; try again in a minute.`, { ...details, reason: 'registry_rate_limited' })
  }
  if (code === 'UNSUPPORTED' || (status === 404 && what === 'its catalog')) {
    return new BerthError('NOT_FOUND', `The registry ${registry} does not list its repositories; open a repository by name instead.`, { ...details, reason: 'registry_catalog_unsupported' })
  }
  if (code === 'MANIFEST_UNKNOWN' || (status === 404 && what.startsWith('the manifest'))) {
    return new BerthError('NOT_FOUND', `The registry ${registry} has no ${what}.`, { ...details, reason: 'registry_manifest_not_found' })
  }
  if (status === 404 || code === 'NAME_UNKNOWN') {
    return new BerthError('NOT_FOUND', `The registry ${registry} has no ${what}${says}.`, { ...details, reason: 'registry_repository_not_found' })
  }
  return new BerthError('INTERNAL', `The registry ${registry} failed to answer for ${what}: HTTP ${status}${says}.`, { ...details, reason: 'registry_error' })
}
