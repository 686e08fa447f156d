import { BerthError } from '../../../src-shared/contract/errors'
import { engineMessage, isUnreachable, toBerthError } from '../errors'

/**
 * A pull or push failure in words, whether the engine refused the request (an HTTP error) or
 * wrote the error into its 200 progress stream: either way it is an error, never a success.
 */
export function transferError(kind: 'pull' | 'push', reference: string, engineSays: string): BerthError {
  const details = { ref: reference, engineMessage: engineSays }
  const verb = kind === 'pull' ? 'pull' : 'push'
  if (/manifest unknown|manifest for .* not found|not found: manifest|repository does not exist|name unknown/i.test(engineSays)) {
    return new BerthError('NOT_FOUND', `The registry has no image “${reference}”: check the name and the tag.`, { ...details, reason: 'image_manifest_unknown' })
  }
  if (/tag does not exist|An image does not exist locally|No such image/i.test(engineSays)) {
    return new BerthError('NOT_FOUND', `There is no local image “${reference}” to push: tag an image with this name first.`, { ...details, reason: 'image_push_tag_missing' })
  }
  if (/unauthorized|authentication required|no basic auth credentials|denied|401|403|incorrect username or password/i.test(engineSays)) {
    return new BerthError('PERMISSION_DENIED', `The registry refused to let Berth ${verb} “${reference}”: log in to the registry (Registries) with an account that may ${verb} it.`, {
      ...details,
      reason: 'image_registry_unauthorized',
    })
  }
  if (/no space left on device|disk quota exceeded/i.test(engineSays)) {
    return new BerthError('INTERNAL', `The engine ran out of disk space while pulling “${reference}”. Free some space (prune images or build cache) and try again.`, {
      ...details,
      reason: 'image_no_space',
    })
  }
  if (/connection refused|no such host|i\/o timeout|server gave HTTP response to HTTPS client|dial tcp|TLS handshake|x509/i.test(engineSays)) {
    return new BerthError('INTERNAL', `The engine could not reach the registry for “${reference}”: ${engineSays}`, { ...details, reason: 'image_registry_unreachable' })
  }
  return new BerthError('INTERNAL', `The ${verb} of “${reference}” failed: ${engineSays}`, { ...details, reason: 'image_transfer_failed' })
}

/** The error a failed pull/push request (before its stream began) turns into. */
export function transferRequestError(kind: 'pull' | 'push', reference: string, err: unknown): BerthError {
  if (err instanceof BerthError || isUnreachable(err)) return toBerthError(err)
  return transferError(kind, reference, engineMessage(err as { message?: string }))
}
