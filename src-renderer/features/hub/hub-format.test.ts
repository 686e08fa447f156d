import { describe, expect, it } from 'vitest'
import { defaultPlatform, enginePlatform, formatCount, platformOf, referenceFor, shortDigest } from './hub-format'

describe('Hub formatting', () => {
  it('writes pull counts compactly in English and Korean', () => {
    expect(formatCount(1_234_567, 'en')).toBe('1.2M')
    expect(formatCount(11_284_912_345, 'en')).toBe('11.3B')
    expect(formatCount(1e9, 'en', true)).toBe('1B+')
    expect(formatCount(950, 'en')).toBe('950')
    expect(formatCount(1_234_567, 'ko')).toBe('123.5만')
    expect(formatCount(11_284_912_345, 'ko')).toBe('112.8억')
  })

  it('shortens digests to 12 hex digits', () => {
    expect(shortDigest('sha256:0123456789abcdef0123')).toBe('0123456789ab')
    expect(shortDigest(null)).toBe('')
  })

  it('writes platforms and references as docker takes them', () => {
    expect(platformOf({ os: 'linux', architecture: 'arm', variant: 'v7' })).toBe('linux/arm/v7')
    expect(platformOf({ os: 'linux', architecture: 'amd64', variant: null })).toBe('linux/amd64')
    expect(referenceFor('library', 'nginx', 'alpine')).toBe('nginx:alpine')
    expect(referenceFor('bitnami', 'nginx', '1.27')).toBe('bitnami/nginx:1.27')
  })

  it('picks the engine’s own platform first', () => {
    expect(enginePlatform({ osType: 'linux', arch: 'x86_64' })).toBe('linux/amd64')
    expect(enginePlatform({ osType: 'linux', arch: 'aarch64' })).toBe('linux/arm64')
    expect(defaultPlatform(['linux/arm/v7', 'linux/amd64'], 'linux/amd64')).toBe('linux/amd64')
    expect(defaultPlatform(['linux/arm/v7', 'linux/arm64/v8'], 'linux/arm64')).toBe('linux/arm64/v8')
    expect(defaultPlatform(['linux/s390x'], 'linux/amd64')).toBe('linux/s390x')
    expect(defaultPlatform([], null)).toBeNull()
  })
})
