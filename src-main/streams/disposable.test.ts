import { describe, expect, it } from 'vitest'
import { DisposableStore } from './disposable'
import { openEngineStreams, trackStream } from './gauge'

describe('DisposableStore', () => {
  it('runs each disposer once, newest first, even when one throws', () => {
    const store = new DisposableStore()
    const order: string[] = []
    store.add(() => order.push('first'))
    store.add(() => {
      order.push('failing')
      throw new Error('boom')
    })
    store.add(() => order.push('last'))
    store.dispose()
    store.dispose()
    expect(order).toEqual(['last', 'failing', 'first'])
  })

  it('disposes at once what is added after it was disposed', () => {
    const store = new DisposableStore()
    store.dispose()
    let ran = 0
    store.add(() => ran++)
    expect(ran).toBe(1)
  })
})

describe('engine stream gauge', () => {
  it('counts open streams by kind and releases each only once', () => {
    const before = openEngineStreams('test-kind')
    const a = trackStream('test-kind')
    const b = trackStream('test-kind')
    expect(openEngineStreams('test-kind')).toBe(before + 2)
    a()
    a()
    expect(openEngineStreams('test-kind')).toBe(before + 1)
    b()
    expect(openEngineStreams('test-kind')).toBe(before)
    expect(openEngineStreams('never-opened')).toBe(0)
  })
})
