import { describe, expect, it } from 'vitest'
import { parseImageReference, parseTagTarget, type ImageReference } from './image-reference'

function ok(input: string): ImageReference {
  const r = parseImageReference(input)
  if (!r.ok) throw new Error(`${input}: ${r.error.message}`)
  return r.value
}

function reason(input: string): string {
  const r = parseImageReference(input)
  return r.ok ? 'ok' : r.error.reason
}

const HEX64 = 'a'.repeat(64)

describe('parseImageReference: familiar names', () => {
  it('fills in docker.io, library/ and latest for a bare name', () => {
    expect(ok('busybox')).toEqual({
      registry: 'docker.io',
      path: 'library/busybox',
      tag: 'latest',
      digest: null,
      repository: 'busybox',
      familiar: 'busybox:latest',
      canonical: 'docker.io/library/busybox:latest',
    })
  })

  it('keeps a user namespace on Docker Hub without library/', () => {
    expect(ok('bitnami/redis:7.2')).toMatchObject({ registry: 'docker.io', path: 'bitnami/redis', tag: '7.2', repository: 'bitnami/redis' })
  })

  it('treats docker.io/ and index.docker.io/ as Docker Hub', () => {
    expect(ok('docker.io/library/alpine').familiar).toBe('alpine:latest')
    expect(ok('index.docker.io/alpine:3').canonical).toBe('docker.io/library/alpine:3')
  })

  it('does not add latest when only a digest is given', () => {
    const v = ok(`busybox@sha256:${HEX64}`)
    expect(v.tag).toBeNull()
    expect(v.digest).toBe(`sha256:${HEX64}`)
    expect(v.familiar).toBe(`busybox@sha256:${HEX64}`)
  })

  it('keeps both a tag and a digest', () => {
    expect(ok(`alpine:3.19@sha256:${HEX64}`)).toMatchObject({ tag: '3.19', digest: `sha256:${HEX64}` })
  })
})

describe('parseImageReference: registries', () => {
  it('reads a host with a port, and a tag after the last slash', () => {
    expect(ok('localhost:5000/team/app:1.0')).toMatchObject({ registry: 'localhost:5000', path: 'team/app', tag: '1.0', repository: 'localhost:5000/team/app' })
  })

  it('takes a first component with a dot, a colon or localhost as the registry', () => {
    expect(ok('registry.example.com/app').registry).toBe('registry.example.com')
    expect(ok('127.0.0.1:41234/berth-test/busybox:1').registry).toBe('127.0.0.1:41234')
    expect(ok('localhost/app').registry).toBe('localhost')
    expect(ok('[::1]:5000/app').registry).toBe('[::1]:5000')
  })

  it('does not add library/ on other registries', () => {
    expect(ok('localhost:5000/app').path).toBe('app')
  })

  it('treats a first component without dot, colon or capitals as part of the path', () => {
    expect(ok('team/app')).toMatchObject({ registry: 'docker.io', path: 'team/app' })
  })

  it('refuses a port that is not a number or out of range', () => {
    expect(reason('localhost:abc/app')).toBe('image_ref_bad_port')
    expect(reason('localhost:99999/app')).toBe('image_ref_bad_port')
    expect(reason('localhost:0/app')).toBe('image_ref_bad_port')
  })

  it('refuses a host with bad characters or dashes at a label edge', () => {
    expect(reason('-bad.example.com/app')).toBe('image_ref_bad_host')
    expect(reason('bad-.example.com/app')).toBe('image_ref_bad_host')
    expect(reason('my_host.com/app')).toBe('image_ref_bad_host')
    expect(reason('.example.com/app')).toBe('image_ref_bad_host')
  })
})

describe('parseImageReference: path components', () => {
  it('accepts the separators of the grammar', () => {
    for (const name of ['a.b', 'a_b', 'a__b', 'a-b', 'a---b', 'a1/b2/c3', 'x.y-z_w']) expect(reason(name)).toBe('ok')
  })

  it('refuses separators the grammar does not have', () => {
    for (const name of ['a..b', 'a___b', 'a._b', '_a', 'a_', '-a', 'a-', '.a', 'a/', '/a', 'a//b', 'a+b', 'a:b:c/d']) expect({ name, r: reason(name) }).not.toEqual({ name, r: 'ok' })
    expect(reason('a//b')).toBe('image_ref_bad_path')
    expect(reason('a___b')).toBe('image_ref_bad_path')
  })

  it('says uppercase in a repository name is the mistake, and suggests the lowercase name', () => {
    const r = parseImageReference('Busybox')
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.reason).toBe('image_ref_uppercase')
    expect(r.error.params).toMatchObject({ lower: 'busybox' })
    expect(reason('localhost:5000/Team/app')).toBe('image_ref_uppercase')
  })

  it('allows capitals in the registry host', () => {
    expect(ok('Registry.Example.com/app').registry).toBe('Registry.Example.com')
  })

  it('refuses a name longer than 255 characters, counting the registry', () => {
    const long = `registry.example.com/${'a'.repeat(235)}`
    expect(long.length).toBe(256)
    expect(reason(long)).toBe('image_ref_too_long')
    expect(reason(long.slice(0, 255))).toBe('ok')
  })

  it('refuses an empty or space-containing input', () => {
    expect(reason('')).toBe('image_ref_empty')
    expect(reason(' busybox')).toBe('image_ref_whitespace')
    expect(reason('busy box')).toBe('image_ref_whitespace')
  })

  it('refuses a 64-character hexadecimal string as a name', () => {
    expect(reason(HEX64)).toBe('image_ref_hex_id')
    expect(reason(`${HEX64}:1`)).toBe('ok')
  })

  it('refuses a missing name before a tag', () => {
    expect(reason(':latest')).toBe('image_ref_bad_path')
    expect(reason(`@sha256:${HEX64}`)).toBe('image_ref_bad_path')
  })
})

describe('parseImageReference: tags and digests', () => {
  it('accepts tags of up to 128 word characters, dots and dashes', () => {
    expect(reason(`a:${'t'.repeat(128)}`)).toBe('ok')
    expect(reason('a:v1.2.3-rc_1')).toBe('ok')
    expect(reason('a:_private')).toBe('ok')
  })

  it('refuses bad tags', () => {
    expect(reason(`a:${'t'.repeat(129)}`)).toBe('image_ref_bad_tag')
    expect(reason('a:.x')).toBe('image_ref_bad_tag')
    expect(reason('a:-x')).toBe('image_ref_bad_tag')
    expect(reason('a:')).toBe('image_ref_bad_tag')
    // A colon before a slash makes a host with a port, so this is a bad port, not a bad tag.
    expect(reason('a:x/y')).toBe('image_ref_bad_port')
    expect(reason('a:b+c')).toBe('image_ref_bad_tag')
  })

  it('refuses bad digests', () => {
    expect(reason('a@sha256:abc')).toBe('image_ref_bad_digest')
    expect(reason('a@sha256')).toBe('image_ref_bad_digest')
    expect(reason('a@')).toBe('image_ref_bad_digest')
    expect(reason(`a@sha256:${'A'.repeat(64)}`)).toBe('image_ref_bad_digest')
    expect(reason(`a@sha256:${'a'.repeat(63)}`)).toBe('image_ref_bad_digest')
    expect(reason(`a@1sha:${'a'.repeat(64)}`)).toBe('image_ref_bad_digest')
  })

  it('accepts other algorithms with at least 32 hex characters', () => {
    expect(reason(`a@sha512:${'b'.repeat(128)}`)).toBe('ok')
    expect(reason(`a@multihash+base58:${'c'.repeat(32)}`)).toBe('ok')
  })

  it('gives an English sentence that names the offending part', () => {
    const r = parseImageReference('alpine:.bad')
    expect(r.ok ? '' : r.error.message).toContain('“.bad”')
  })
})

describe('parseTagTarget', () => {
  it('accepts a name with a tag and refuses a digest', () => {
    expect(parseTagTarget('localhost:5000/app:2').ok).toBe(true)
    const r = parseTagTarget(`app@sha256:${HEX64}`)
    expect(r.ok ? 'ok' : r.error.reason).toBe('image_ref_digest_not_allowed')
  })
})
