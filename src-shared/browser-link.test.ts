import { describe, expect, it } from 'vitest'
import { browserLink, splitToken } from './browser-link'

describe('browserLink and splitToken', () => {
  it('puts the token in the fragment, where no request carries it', () => {
    const link = new URL(browserLink('http://127.0.0.1:4000', 'abc-_1'))
    expect(link.search).toBe('')
    expect(link.pathname).toBe('/')
    expect(link.hash).toBe('#/?token=abc-_1')
  })

  it('keeps a route and its own query beside the token', () => {
    const link = browserLink('http://127.0.0.1:4000', 'tok', '/containers/abc?tab=terminal')
    expect(link).toBe('http://127.0.0.1:4000/#/containers/abc?tab=terminal&token=tok')
    expect(splitToken(new URL(link).hash)).toEqual({ token: 'tok', hash: '#/containers/abc?tab=terminal' })
  })

  it('takes the token out of the fragment and leaves the route', () => {
    expect(splitToken('#/?token=tok')).toEqual({ token: 'tok', hash: '#/' })
    expect(splitToken('#/images?token=tok&sort=size')).toEqual({ token: 'tok', hash: '#/images?sort=size' })
  })

  it('finds no token in a fragment without one', () => {
    expect(splitToken('')).toEqual({ token: null, hash: '' })
    expect(splitToken('#/containers')).toEqual({ token: null, hash: '#/containers' })
    expect(splitToken('#/logs?tab=1')).toEqual({ token: null, hash: '#/logs?tab=1' })
  })
})
