import { MAX_FRAME_BYTES } from '../../src-shared/protocol'
import { RESERVED_KEYS } from '../../src-shared/reserved-keys'

const MAX_DEPTH = 16

/**
 * Rejects payloads that no schema should even see: prototype-pollution keys at any depth,
 * absurd nesting, and anything bigger than a frame. Returns why, or null when acceptable.
 */
export function unsafePayloadReason(value: unknown): string | null {
  try {
    const size = Buffer.byteLength(JSON.stringify(value ?? null) ?? '')
    if (size > MAX_FRAME_BYTES) return `payload of ${size} bytes is larger than ${MAX_FRAME_BYTES}`
  } catch {
    return 'payload is not plain JSON'
  }
  return walk(value, 0)
}

function walk(value: unknown, depth: number): string | null {
  if (depth > MAX_DEPTH) return 'payload is nested too deeply'
  if (typeof value !== 'object' || value === null) return null
  for (const key of Object.keys(value)) {
    if (RESERVED_KEYS.has(key)) return `key "${key}" is not allowed`
    const reason = walk((value as Record<string, unknown>)[key], depth + 1)
    if (reason) return reason
  }
  return null
}
