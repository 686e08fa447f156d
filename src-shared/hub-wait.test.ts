import { describe, expect, it } from 'vitest'
import { waitParts, waitWords } from './hub-wait'

describe('retry-after in words', () => {
  it('says seconds below a minute and a half', () => {
    expect(waitWords(1)).toBe('1 second')
    expect(waitWords(45)).toBe('45 seconds')
    expect(waitWords(89)).toBe('89 seconds')
  })
  it('says minutes, rounded up, below an hour and a half', () => {
    expect(waitWords(90)).toBe('2 minutes')
    expect(waitWords(120)).toBe('2 minutes')
    expect(waitWords(121)).toBe('3 minutes')
    expect(waitWords(60 * 60)).toBe('60 minutes')
  })
  it('says hours above that', () => {
    expect(waitWords(90 * 60)).toBe('2 hours')
    expect(waitWords(6 * 3600)).toBe('6 hours')
  })
  it('never says zero: a wait of 0 or less is one second', () => {
    expect(waitParts(0)).toEqual({ unit: 'seconds', n: 1 })
    expect(waitParts(-5)).toEqual({ unit: 'seconds', n: 1 })
  })
})
