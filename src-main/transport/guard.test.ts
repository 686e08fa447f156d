import { describe, expect, it } from 'vitest'
import { MAX_FRAME_BYTES } from '../../src-shared/protocol'
import { unsafePayloadReason } from './guard'

describe('unsafePayloadReason', () => {
  it('accepts ordinary params', () => {
    expect(unsafePayloadReason(undefined)).toBeNull()
    expect(unsafePayloadReason({ id: 'web', force: true, list: [1, 2, { a: null }] })).toBeNull()
  })

  it('measures size in UTF-8 bytes, as the frame limit does', () => {
    const hangul = '한'.repeat(Math.ceil(MAX_FRAME_BYTES / 3) + 10)
    expect(hangul.length).toBeLessThan(MAX_FRAME_BYTES)
    expect(unsafePayloadReason({ name: hangul })).toMatch(/larger than/)
  })

  it('refuses prototype keys at any depth', () => {
    expect(unsafePayloadReason(JSON.parse('{"__proto__":{}}'))).toBe('key "__proto__" is not allowed')
    expect(unsafePayloadReason({ a: [{ b: { constructor: 1 } }] })).toBe('key "constructor" is not allowed')
    expect(unsafePayloadReason([[{ prototype: null }]])).toBe('key "prototype" is not allowed')
  })

  it('refuses nesting deeper than 16 levels but allows 16', () => {
    const nest = (n: number) => Array.from({ length: n }).reduce<unknown>((v) => [v], 1)
    expect(unsafePayloadReason(nest(16))).toBeNull()
    expect(unsafePayloadReason(nest(17))).toBe('payload is nested too deeply')
  })

  it('refuses values that are not plain JSON, such as cycles and BigInts', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(unsafePayloadReason(cyclic)).toBe('payload is not plain JSON')
    expect(unsafePayloadReason({ n: 1n })).toBe('payload is not plain JSON')
  })
})
