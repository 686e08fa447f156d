import { describe, expect, it } from 'vitest'
import { relativeTick } from './chart-theme'

describe('relativeTick', () => {
  it('counts back from the newest sample in seconds, or minutes when whole', () => {
    expect(relativeTick(0, 'en', 'now')).toBe('now')
    expect(relativeTick(-30_000, 'en', 'now')).toBe('−30s')
    expect(relativeTick(-300_000, 'en', 'now')).toBe('−5m')
  })

  it('speaks the UI language', () => {
    expect(relativeTick(-30_000, 'ko', '지금')).toBe('−30초')
    expect(relativeTick(-180_000, 'ko', '지금')).toBe('−3분')
  })
})
