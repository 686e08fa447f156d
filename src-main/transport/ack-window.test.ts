import { describe, expect, it } from 'vitest'
import { AckWindow } from './ack-window'

describe('AckWindow', () => {
  it('is congested once more than its limit wait unacknowledged, and resumes waiters at half the window', () => {
    const w = new AckWindow(4)
    const resumed: string[] = []
    for (let i = 0; i < 4; i++) w.sent()
    expect(w.congested()).toBe(false)
    w.whenClear(() => resumed.push('at once'))
    expect(resumed).toEqual(['at once'])
    w.sent()
    expect(w.congested()).toBe(true)
    w.whenClear(() => resumed.push('later'))
    w.acked() // 4 left
    w.acked() // 3 left: still above half
    expect(resumed).toEqual(['at once'])
    w.acked() // 2 left
    expect(resumed).toEqual(['at once', 'later'])
    expect(w.congested()).toBe(false)
  })

  it('forgets what a renderer that went away had, and never counts below zero', () => {
    const w = new AckWindow(2)
    for (let i = 0; i < 5; i++) w.sent()
    let resumed = false
    w.whenClear(() => (resumed = true))
    w.reset()
    expect(w.congested()).toBe(false)
    w.acked()
    w.acked()
    w.sent()
    w.sent()
    expect(w.congested()).toBe(false)
    expect(resumed).toBe(false)
  })
})
