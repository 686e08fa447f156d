import { describe, expect, it } from 'vitest'
import { filterNames, helperName, platformString, pullReference, shortDigest } from './registry-format'

describe('pullReference', () => {
  it('puts the registry host before repository and tag', () => {
    expect(pullReference('127.0.0.1:5000', 'team/app', '1.2')).toBe('127.0.0.1:5000/team/app:1.2')
  })

  it('leaves Docker Hub’s host out, as docker pull does', () => {
    expect(pullReference('docker.io', 'library/busybox', 'latest')).toBe('library/busybox:latest')
  })

  it('uses @ for a digest', () => {
    expect(pullReference('reg.example', 'app', 'sha256:' + 'a'.repeat(64))).toBe(`reg.example/app@sha256:${'a'.repeat(64)}`)
  })
})

describe('small formatters', () => {
  it('writes platforms like --platform', () => {
    expect(platformString({ os: 'linux', architecture: 'arm', variant: 'v7' })).toBe('linux/arm/v7')
    expect(platformString({ os: 'linux', architecture: 'amd64', variant: null })).toBe('linux/amd64')
  })

  it('names the helper of a helper source and none for the file', () => {
    expect(helperName('helper:desktop')).toBe('desktop')
    expect(helperName('file')).toBeNull()
  })

  it('filters names case-insensitively in their order', () => {
    expect(filterNames(['team/App', 'other', 'apple'], ' APP ')).toEqual(['team/App', 'apple'])
    expect(filterNames(['b', 'a'], '')).toEqual(['b', 'a'])
  })

  it('shortens digests', () => {
    expect(shortDigest('sha256:0123456789abcdef0123')).toBe('sha256:0123456789ab')
  })
})
