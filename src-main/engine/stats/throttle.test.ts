import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Throttle } from './throttle'

describe('Throttle', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('runs the first poke at once and gathers later pokes into one run per interval', () => {
    const fn = vi.fn()
    const t = new Throttle(fn, 1000, () => Date.now())
    t.poke()
    expect(fn).toHaveBeenCalledTimes(1)
    for (let i = 0; i < 50; i++) t.poke()
    expect(fn).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(1000)
    expect(fn).toHaveBeenCalledTimes(2)
    vi.advanceTimersByTime(5000)
    expect(fn).toHaveBeenCalledTimes(2)
  })

  it('runs nothing after dispose', () => {
    const fn = vi.fn()
    const t = new Throttle(fn, 1000, () => Date.now())
    t.poke()
    t.poke()
    t.dispose()
    vi.advanceTimersByTime(2000)
    t.poke()
    expect(fn).toHaveBeenCalledTimes(1)
  })
})
