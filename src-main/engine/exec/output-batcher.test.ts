import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { OutputBatcher } from './output-batcher'

describe('OutputBatcher', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('sends pieces that arrive close together as one message after the delay', () => {
    const sent: string[] = []
    const b = new OutputBatcher((t) => sent.push(t), 4, 100)
    b.push('ab')
    b.push('cd')
    expect(sent).toEqual([])
    vi.advanceTimersByTime(4)
    expect(sent).toEqual(['abcd'])
  })

  it('sends at once when the size limit is reached, and says so', () => {
    const sent: string[] = []
    const b = new OutputBatcher((t) => sent.push(t), 4, 5)
    expect(b.push('abc')).toBe(false)
    expect(b.push('def')).toBe(true)
    expect(sent).toEqual(['abcdef'])
    vi.advanceTimersByTime(10)
    expect(sent).toEqual(['abcdef'])
  })

  it('runs no timer while nothing waits, and a flush sends what waits in order', () => {
    const sent: string[] = []
    const b = new OutputBatcher((t) => sent.push(t), 4, 100)
    expect(vi.getTimerCount()).toBe(0)
    b.push('x')
    expect(vi.getTimerCount()).toBe(1)
    b.flush()
    expect(sent).toEqual(['x'])
    expect(vi.getTimerCount()).toBe(0)
    b.flush()
    expect(sent).toEqual(['x'])
  })

  it('ignores empty text and drops what waits when disposed', () => {
    const sent: string[] = []
    const b = new OutputBatcher((t) => sent.push(t), 4, 100)
    expect(b.push('')).toBe(false)
    expect(vi.getTimerCount()).toBe(0)
    b.push('late')
    b.dispose()
    vi.advanceTimersByTime(10)
    expect(sent).toEqual([])
  })
})
