import { describe, expect, it } from 'vitest'
import type { VolumeProgress } from '../../../src-shared/contract/volumes'
import { ProgressHub } from './progress'

describe('volume transfer progress', () => {
  it('reports to the token’s watchers at most every 200 ms, then done with the total', () => {
    const hub = new ProgressHub()
    const seen: VolumeProgress[] = []
    const close = hub.source('token-aaaaaaaaaaaaaaaa').open(
      (m) => seen.push(m),
      () => undefined,
    )
    let now = 1000
    const r = hub.reporter('token-aaaaaaaaaaaaaaaa', 500, () => now)
    r.add(10)
    r.add(10)
    now += 250
    r.add(5)
    r.done()
    expect(seen).toEqual([
      { bytes: 10, expected: 500, done: false },
      { bytes: 25, expected: 500, done: false },
      { bytes: 25, expected: 500, done: true },
    ])
    close()
    r.done()
    expect(seen).toHaveLength(3)
  })

  it('a transfer without a token reports nowhere', () => {
    const hub = new ProgressHub()
    const r = hub.reporter(undefined, null)
    expect(() => (r.add(1), r.done())).not.toThrow()
  })
})
