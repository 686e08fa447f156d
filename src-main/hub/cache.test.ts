import { describe, expect, it } from 'vitest'
import { TtlCache } from './cache'

describe('TtlCache', () => {
  it('forgets an entry once its time is up', () => {
    let now = 0
    const c = new TtlCache<string>(1000, 10, () => now)
    c.set('a', 'x')
    now = 999
    expect(c.get('a')).toBe('x')
    now = 1000
    expect(c.get('a')).toBeUndefined()
  })

  it('drops the oldest entries beyond its size', () => {
    const c = new TtlCache<number>(60_000, 2)
    c.set('a', 1)
    c.set('b', 2)
    c.set('a', 3) // refreshed: now the newest
    c.set('c', 4)
    expect([c.get('a'), c.get('b'), c.get('c')]).toEqual([3, undefined, 4])
  })
})
