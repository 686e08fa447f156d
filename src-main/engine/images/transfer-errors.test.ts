import { describe, expect, it } from 'vitest'
import { transferError, transferRequestError } from './transfer-errors'

describe('transferError', () => {
  it('maps what the engine writes into the stream to codes and reasons', () => {
    const cases: Array<[string, string, string]> = [
      ['manifest for 127.0.0.1:5000/a:nope not found: manifest unknown: manifest unknown', 'NOT_FOUND', 'image_manifest_unknown'],
      ['no basic auth credentials', 'PERMISSION_DENIED', 'image_registry_unauthorized'],
      ['unauthorized: authentication required', 'PERMISSION_DENIED', 'image_registry_unauthorized'],
      ['write /var/lib/docker/tmp/x: no space left on device', 'INTERNAL', 'image_no_space'],
      ['tag does not exist: 127.0.0.1:5000/a:x', 'NOT_FOUND', 'image_push_tag_missing'],
      ['Get "https://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused', 'INTERNAL', 'image_registry_unreachable'],
      ['unknown blob', 'INTERNAL', 'image_transfer_failed'],
    ]
    for (const [says, code, reason] of cases) {
      const e = transferError('pull', 'a:1', says)
      expect({ says, code: e.code, reason: e.details?.reason }).toEqual({ says, code, reason })
      expect(e.details?.engineMessage).toBe(says)
    }
  })

  it('reads the engine message of an HTTP refusal (dockerode error)', () => {
    const e = transferRequestError('pull', 'a:nope', { statusCode: 404, message: '(HTTP code 404) unexpected - manifest for a:nope not found: manifest unknown: manifest unknown ' })
    expect(e.code).toBe('NOT_FOUND')
  })
})
