import { describe, expect, it } from 'vitest'
import { allocateStreams, type Candidate } from './allocate'

const c = (id: string, wantsStream = true): Candidate => ({ id, wantsStream })

describe('allocateStreams', () => {
  it('gives every container a stream while under the cap', () => {
    expect([...allocateStreams([c('a'), c('b', false)], new Set(), 3)].sort()).toEqual(['a', 'b'])
  })

  it('never hands out more than the cap; the rest are left to the rotation', () => {
    const many = Array.from({ length: 10 }, (_, i) => c(`c${i}`, false))
    const got = allocateStreams(many, new Set(), 4)
    expect(got.size).toBe(4)
    expect([...got]).toEqual(['c0', 'c1', 'c2', 'c3'])
  })

  it('keeps streams where they are when the set shifts (no churn)', () => {
    const got = allocateStreams([c('x'), c('b'), c('c')], new Set(['b', 'c']), 2)
    expect([...got].sort()).toEqual(['b', 'c'])
  })

  it('a view that wants a stream takes the slot of a container only the overview watches', () => {
    const got = allocateStreams([c('o1', false), c('o2', false), c('tab')], new Set(['o1', 'o2']), 2)
    expect([...got].sort()).toEqual(['o1', 'tab'])
  })

  it('does not take a slot from another view that wants a stream', () => {
    const got = allocateStreams([c('a'), c('b'), c('late')], new Set(['a', 'b']), 2)
    expect([...got].sort()).toEqual(['a', 'b'])
  })

  it('drops streams of containers no longer watched or running, and fills freed slots', () => {
    const got = allocateStreams([c('b'), c('d', false)], new Set(['a', 'b']), 2)
    expect([...got].sort()).toEqual(['b', 'd'])
  })

  it('trims to a lowered cap, overview-only ones first', () => {
    const got = allocateStreams([c('a'), c('o', false), c('b')], new Set(['a', 'o', 'b']), 2)
    expect([...got].sort()).toEqual(['a', 'b'])
  })
})
