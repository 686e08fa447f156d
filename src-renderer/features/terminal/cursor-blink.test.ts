import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CursorBlink } from './cursor-blink'

describe('CursorBlink', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  const setup = () => {
    const calls: boolean[] = []
    const blink = new CursorBlink({ setVisible: (v) => calls.push(v) }, 500)
    return { calls, blink }
  }

  it('blinks only while the terminal has focus', () => {
    const { calls, blink } = setup()
    vi.advanceTimersByTime(2000)
    expect(calls).toEqual([])
    blink.focus()
    vi.advanceTimersByTime(1500)
    expect(calls).toEqual([false, true, false])
    blink.blur()
    expect(calls.at(-1)).toBe(true)
    vi.advanceTimersByTime(2000)
    expect(calls).toHaveLength(4)
  })

  it('shows the cursor at once on activity and waits a whole period before hiding it again', () => {
    const { calls, blink } = setup()
    blink.focus()
    vi.advanceTimersByTime(500)
    expect(calls).toEqual([false])
    vi.advanceTimersByTime(300)
    blink.activity()
    expect(calls).toEqual([false, true])
    vi.advanceTimersByTime(499)
    expect(calls).toEqual([false, true])
    vi.advanceTimersByTime(1)
    expect(calls).toEqual([false, true, false])
  })

  it('stands aside while another renderer blinks, and blinks again once enabled and focused', () => {
    const { calls, blink } = setup()
    blink.focus()
    blink.disable()
    blink.focus()
    blink.activity()
    vi.advanceTimersByTime(2000)
    expect(calls).toEqual([])
    blink.enable()
    blink.focus()
    vi.advanceTimersByTime(500)
    expect(calls).toEqual([false])
  })

  it('keeps no timer after it is disposed', () => {
    const { blink } = setup()
    blink.focus()
    blink.dispose()
    expect(vi.getTimerCount()).toBe(0)
  })
})
