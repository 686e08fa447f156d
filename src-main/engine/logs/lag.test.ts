import { describe, expect, it } from 'vitest'
import { LagWatch } from './lag'

describe('LagWatch', () => {
  it('says a followed log is behind once its newest line is more than the limit older than the clock', () => {
    const w = new LagWatch(10_000, 2000)
    expect(w.behind(10_100, 10_110)).toBe(false)
    expect(w.behind(11_000, 12_000)).toBe(false)
    expect(w.behind(12_000, 14_200)).toBe(true)
  })

  it('does not count history read at the start as lag', () => {
    const w = new LagWatch(100_000, 2000)
    expect(w.behind(5_000, 100_010)).toBe(false)
    expect(w.behind(100_050, 100_060)).toBe(false)
  })

  it('takes what is left of a clock difference as zero, and sees lag grow on top of it', () => {
    // The offset measured on connecting was 1.5 s off: every live line looks 1.5 s old.
    const w = new LagWatch(100_000, 2000)
    expect(w.behind(98_600, 100_100)).toBe(false)
    expect(w.behind(99_500, 101_000)).toBe(false)
    expect(w.behind(100_000, 103_600)).toBe(true)
  })
})
