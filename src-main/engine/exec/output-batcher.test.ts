import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { OutputBatcher } from './output-batcher'

describe('OutputBatcher', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  const make = (sent: string[], max = 100) =>
    new OutputBatcher(
      (t) => sent.push(t),
      4,
      max,
      () => Date.now(),
    )

  it('sends text after a quiet spell at once (an echoed keystroke waits for nothing)', () => {
    const sent: string[] = []
    const b = make(sent)
    b.push('a')
    expect(sent).toEqual(['a'])
    vi.advanceTimersByTime(10)
    b.push('b')
    expect(sent).toEqual(['a', 'b'])
  })

  it('gathers what follows a send within the delay into one message', () => {
    const sent: string[] = []
    const b = make(sent)
    b.push('first')
    b.push('ab')
    vi.advanceTimersByTime(1)
    b.push('cd')
    expect(sent).toEqual(['first'])
    vi.advanceTimersByTime(3)
    expect(sent).toEqual(['first', 'abcd'])
  })

  it('sends at once when the size limit is reached, and says so', () => {
    const sent: string[] = []
    const b = make(sent, 5)
    b.push('x')
    expect(b.push('abc')).toBe(false)
    expect(b.push('def')).toBe(true)
    expect(sent).toEqual(['x', 'abcdef'])
    vi.advanceTimersByTime(10)
    expect(sent).toEqual(['x', 'abcdef'])
  })

  it('runs no timer while nothing waits, and a flush sends what waits in order', () => {
    const sent: string[] = []
    const b = make(sent)
    b.push('x')
    expect(vi.getTimerCount()).toBe(0)
    b.push('y')
    expect(vi.getTimerCount()).toBe(1)
    b.flush()
    expect(sent).toEqual(['x', 'y'])
    expect(vi.getTimerCount()).toBe(0)
    b.flush()
    expect(sent).toEqual(['x', 'y'])
  })

  it('ignores empty text and drops what waits when disposed', () => {
    const sent: string[] = []
    const b = make(sent)
    expect(b.push('')).toBe(false)
    expect(sent).toEqual([])
    b.push('now')
    b.push('late')
    b.dispose()
    vi.advanceTimersByTime(10)
    expect(sent).toEqual(['now'])
  })
})
