import { describe, expect, it } from 'vitest'
import { nextCursor, parseWwwAuthenticate } from './www-authenticate'

describe('parseWwwAuthenticate', () => {
  it('reads a Docker Hub style bearer challenge', () => {
    expect(parseWwwAuthenticate('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/busybox:pull' } },
    ])
  })

  it('reads a basic challenge from distribution htpasswd', () => {
    expect(parseWwwAuthenticate('Basic realm="berth-test"')).toEqual([{ scheme: 'basic', params: { realm: 'berth-test' } }])
  })

  it('keeps commas inside quoted values and unescapes quotes', () => {
    expect(parseWwwAuthenticate('Bearer realm="https://a/token",scope="repository:x:pull,push",error="say \\"hi\\""')[0]?.params).toEqual({
      realm: 'https://a/token',
      scope: 'repository:x:pull,push',
      error: 'say "hi"',
    })
  })

  it('separates several challenges and accepts bare values and spaces around =', () => {
    expect(parseWwwAuthenticate('Basic realm=simple, Bearer realm = "https://t", service=reg')).toEqual([
      { scheme: 'basic', params: { realm: 'simple' } },
      { scheme: 'bearer', params: { realm: 'https://t', service: 'reg' } },
    ])
  })

  it('yields nothing for an empty header', () => {
    expect(parseWwwAuthenticate('')).toEqual([])
  })
})

describe('nextCursor', () => {
  it('takes `last` from a next link', () => {
    expect(nextCursor('</v2/_catalog?last=team%2Fapp&n=100>; rel="next"')).toBe('team/app')
  })

  it('is null without a next link', () => {
    expect(nextCursor(null)).toBeNull()
    expect(nextCursor('</v2/_catalog?last=a&n=1>; rel="prev"')).toBeNull()
  })
})
