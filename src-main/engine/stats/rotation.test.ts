import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Rotation } from './rotation'

describe('Rotation', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  /** A sampler whose requests finish when the test says so. */
  function sampler() {
    const started: string[] = []
    const pending: (() => void)[] = []
    const sample = (id: string) =>
      new Promise<void>((resolve) => {
        started.push(id)
        pending.push(resolve)
      })
    const finishAll = async () => {
      for (const done of pending.splice(0)) done()
      await vi.advanceTimersByTimeAsync(0)
    }
    return { started, sample, finishAll, inFlight: () => pending.length }
  }

  it('has at most `concurrency` requests in flight', async () => {
    const s = sampler()
    const r = new Rotation(s.sample, 2, 1000, () => Date.now())
    r.set(['a', 'b', 'c', 'd', 'e'])
    expect(s.started).toEqual(['a', 'b'])
    expect(s.inFlight()).toBe(2)
    await s.finishAll()
    expect(s.started).toEqual(['a', 'b', 'c', 'd'])
    r.dispose()
  })

  it('samples the one sampled longest ago next, and each at most once per interval', async () => {
    const s = sampler()
    const r = new Rotation(s.sample, 4, 1000, () => Date.now())
    r.set(['a', 'b'])
    await s.finishAll()
    expect(s.started).toEqual(['a', 'b'])
    await vi.advanceTimersByTimeAsync(999)
    expect(s.started).toEqual(['a', 'b'])
    await vi.advanceTimersByTimeAsync(1)
    expect(s.started).toEqual(['a', 'b', 'a', 'b'])
    r.dispose()
  })

  it('drops containers taken out of the set, keeps the others’ places, and adds new ones at the end', async () => {
    const s = sampler()
    const r = new Rotation(s.sample, 1, 1000, () => Date.now())
    r.set(['a', 'b', 'c'])
    await s.finishAll() // a done; b starts
    r.set(['b', 'c', 'd'])
    await s.finishAll() // b done; c starts
    await s.finishAll() // c done; d starts
    await s.finishAll()
    expect(s.started).toEqual(['a', 'b', 'c', 'd'])
    expect(r.size()).toBe(3)
    r.dispose()
  })

  it('starts nothing after dispose', async () => {
    const s = sampler()
    const r = new Rotation(s.sample, 1, 1000, () => Date.now())
    r.set(['a', 'b'])
    r.dispose()
    await s.finishAll()
    await vi.advanceTimersByTimeAsync(5000)
    expect(s.started).toEqual(['a'])
  })
})
