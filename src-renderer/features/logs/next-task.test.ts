import { describe, expect, it } from 'vitest'
import { nextTask } from './next-task'

describe('nextTask', () => {
  it('resolves after the current task, in the order it was asked', async () => {
    const order: string[] = []
    const a = nextTask().then(() => order.push('a'))
    const b = nextTask().then(() => order.push('b'))
    order.push('sync')
    await Promise.resolve()
    expect(order).toEqual(['sync'])
    await Promise.all([a, b])
    expect(order).toEqual(['sync', 'a', 'b'])
  })

  it('lets a timer that is already due run before it resolves again', async () => {
    let fired = false
    setTimeout(() => (fired = true), 0)
    // A 0 ms timer is due after at most 1 ms; a loop of hops must let it in.
    const start = performance.now()
    while (!fired && performance.now() - start < 1000) await nextTask()
    expect(fired).toBe(true)
  })
})
