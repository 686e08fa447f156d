import { describe, expect, it } from 'vitest'
import { subject } from './subject'

describe('subject', () => {
  it('shortens a full id, with or without sha256:, to the 12 digits the CLI shows', () => {
    const id = 'a'.repeat(64)
    expect(subject('container', id)).toEqual({ kind: 'container', ref: 'a'.repeat(12) })
    expect(subject('image', `sha256:${id}`)).toEqual({ kind: 'image', ref: 'a'.repeat(12) })
  })

  it('keeps names, short ids and 64-character names that are not hex as they are', () => {
    expect(subject('volume', 'data')).toEqual({ kind: 'volume', ref: 'data' })
    expect(subject('network', 'abc123')).toEqual({ kind: 'network', ref: 'abc123' })
    expect(subject('volume', 'z'.repeat(64))).toEqual({ kind: 'volume', ref: 'z'.repeat(64) })
  })
})
