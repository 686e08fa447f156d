import { describe, expect, it } from 'vitest'
import { adoptToken, browserToken } from './browser-token'

function place(hash: string) {
  const stored = new Map<string, string>()
  const replaced: string[] = []
  return {
    stored,
    replaced,
    location: { hash, pathname: '/', search: '' },
    history: { state: { back: null }, replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) },
    sessionStorage: { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) },
  }
}

describe('adoptToken', () => {
  it('keeps the token from the address in the tab and takes it out of the address', () => {
    const p = place('#/?token=secret-1')
    adoptToken(p)
    expect(browserToken(p.sessionStorage)).toBe('secret-1')
    expect(p.replaced).toEqual(['/#/'])
  })

  it('keeps the route the link named', () => {
    const p = place('#/containers/abc?tab=logs&token=secret-1')
    adoptToken(p)
    expect(p.replaced).toEqual(['/#/containers/abc?tab=logs'])
  })

  it('leaves the address and the kept token alone when the address has none (a reload)', () => {
    const p = place('#/images')
    p.stored.set('berth:token', 'kept')
    adoptToken(p)
    expect(p.replaced).toEqual([])
    expect(browserToken(p.sessionStorage)).toBe('kept')
  })
})
