import { describe, expect, it } from 'vitest'
import { Ring } from './ring'

describe('Ring', () => {
  it('keeps items oldest first until full', () => {
    const r = new Ring<number>(3)
    r.push(1)
    r.push(2)
    expect(r.toArray()).toEqual([1, 2])
    expect(r.last()).toBe(2)
  })

  it('drops the oldest once full', () => {
    const r = new Ring<number>(3)
    for (let i = 1; i <= 7; i++) r.push(i)
    expect(r.toArray()).toEqual([5, 6, 7])
    expect(r.size).toBe(3)
    expect(r.last()).toBe(7)
  })

  it('is empty after clear and refuses a capacity below one', () => {
    const r = new Ring<number>(2)
    r.push(1)
    r.clear()
    expect(r.toArray()).toEqual([])
    expect(r.last()).toBeUndefined()
    expect(() => new Ring(0)).toThrow(RangeError)
  })
})
