import { describe, expect, it, vi } from 'vitest'
import type { BerthErrorShape } from '../../src-shared/contract/errors'
import { StreamRegistry, type Flow, type StreamSource, type Subscriber } from './registry'

/** A source whose opens and closes are counted, and whose emit/end the test drives. */
function countedSource<M>(initial?: () => M | undefined) {
  const state = {
    opens: 0,
    dispose: vi.fn(),
    emit: (_m: M) => {},
    end: (_e?: BerthErrorShape) => {},
  }
  const make = vi.fn((): StreamSource<M> => ({
    initial,
    open(emit, end) {
      state.opens++
      state.emit = emit
      state.end = end
      return state.dispose
    },
  }))
  return { state, make }
}

function recorder<M>() {
  const messages: M[] = []
  const ends: (BerthErrorShape | undefined)[] = []
  const subscriber: Subscriber<M> = { onMessage: (m) => messages.push(m), onEnd: (e) => ends.push(e) }
  return { messages, ends, subscriber }
}

describe('StreamRegistry', () => {
  it('opens the source with the first subscriber', () => {
    const reg = new StreamRegistry()
    const { state, make } = countedSource<number>()
    reg.subscribe('events', make, recorder<number>().subscriber)
    expect(state.opens).toBe(1)
    expect(reg.openKeys()).toEqual(['events'])
  })

  it('lets a second subscriber share the open source instead of opening another', () => {
    const reg = new StreamRegistry()
    const { state, make } = countedSource<number>()
    const a = recorder<number>()
    const b = recorder<number>()
    reg.subscribe('events', make, a.subscriber)
    reg.subscribe('events', make, b.subscriber)
    expect(make).toHaveBeenCalledTimes(1)
    expect(state.opens).toBe(1)
    expect(reg.subscriberCount('events')).toBe(2)
    state.emit(7)
    expect(a.messages).toEqual([7])
    expect(b.messages).toEqual([7])
  })

  it('keeps sources with different keys apart', () => {
    const reg = new StreamRegistry()
    const one = countedSource<string>()
    const two = countedSource<string>()
    const a = recorder<string>()
    const b = recorder<string>()
    reg.subscribe('stats:a', one.make, a.subscriber)
    reg.subscribe('stats:b', two.make, b.subscriber)
    one.state.emit('for a')
    expect(a.messages).toEqual(['for a'])
    expect(b.messages).toEqual([])
  })

  it('closes the source once, when the last subscriber leaves', () => {
    const reg = new StreamRegistry()
    const { state, make } = countedSource<number>()
    const offA = reg.subscribe('events', make, recorder<number>().subscriber)
    const offB = reg.subscribe('events', make, recorder<number>().subscriber)
    offA()
    expect(state.dispose).not.toHaveBeenCalled()
    offB()
    expect(state.dispose).toHaveBeenCalledTimes(1)
    offA()
    offB()
    expect(state.dispose).toHaveBeenCalledTimes(1)
    expect(reg.openKeys()).toEqual([])
  })

  it('stops delivering to a subscriber that left', () => {
    const reg = new StreamRegistry()
    const { state, make } = countedSource<number>()
    const a = recorder<number>()
    const off = reg.subscribe('events', make, a.subscriber)
    reg.subscribe('events', make, recorder<number>().subscriber)
    off()
    state.emit(1)
    expect(a.messages).toEqual([])
  })

  it('opens a fresh source for a subscriber that comes after the last one left', () => {
    const reg = new StreamRegistry()
    const { state, make } = countedSource<number>()
    reg.subscribe('events', make, recorder<number>().subscriber)()
    reg.subscribe('events', make, recorder<number>().subscriber)
    expect(state.opens).toBe(2)
  })

  it('sends the initial message to each subscriber as it joins, and only to it', () => {
    const reg = new StreamRegistry()
    let current = 'connecting'
    const { make } = countedSource<string>(() => current)
    const a = recorder<string>()
    const b = recorder<string>()
    reg.subscribe('engine', make, a.subscriber)
    current = 'connected'
    reg.subscribe('engine', make, b.subscriber)
    expect(a.messages).toEqual(['connecting'])
    expect(b.messages).toEqual(['connected'])
  })

  it('sends no initial message when the source has none', () => {
    const reg = new StreamRegistry()
    const { make } = countedSource<string>(() => undefined)
    const a = recorder<string>()
    reg.subscribe('engine', make, a.subscriber)
    expect(a.messages).toEqual([])
  })

  it('tells every subscriber when the source ends, with its error, and forgets the source', () => {
    const reg = new StreamRegistry()
    const { state, make } = countedSource<number>()
    const a = recorder<number>()
    const b = recorder<number>()
    reg.subscribe('logs:web', make, a.subscriber)
    const offB = reg.subscribe('logs:web', make, b.subscriber)
    const error: BerthErrorShape = { code: 'NOT_FOUND', message: 'gone' }
    state.end(error)
    expect(a.ends).toEqual([error])
    expect(b.ends).toEqual([error])
    expect(state.dispose).toHaveBeenCalledTimes(1)
    expect(reg.openKeys()).toEqual([])
    offB()
    expect(state.dispose).toHaveBeenCalledTimes(1)
  })

  it('closes a source that ends while it is still opening', () => {
    const reg = new StreamRegistry()
    const dispose = vi.fn()
    const a = recorder<number>()
    reg.subscribe('exec:1', () => ({ open: (_emit, end) => (end({ code: 'NOT_FOUND', message: 'no such exec' }), dispose) }), a.subscriber)
    expect(a.ends).toHaveLength(1)
    expect(dispose).toHaveBeenCalledTimes(1)
    expect(reg.openKeys()).toEqual([])
  })

  it('leaves nothing registered when a source fails to open', () => {
    const reg = new StreamRegistry()
    const failing = () => ({
      open: (): (() => void) => {
        throw new Error('cannot open')
      },
    })
    expect(() => reg.subscribe('pull:x', failing, recorder<number>().subscriber)).toThrow('cannot open')
    expect(reg.openKeys()).toEqual([])
    const { state, make } = countedSource<number>()
    reg.subscribe('pull:x', make, recorder<number>().subscriber)
    expect(state.opens).toBe(1)
  })

  it('closeAll closes every source and ends every subscriber', () => {
    const reg = new StreamRegistry()
    const one = countedSource<number>()
    const two = countedSource<number>()
    const a = recorder<number>()
    const b = recorder<number>()
    reg.subscribe('events', one.make, a.subscriber)
    reg.subscribe('engine', two.make, b.subscriber)
    reg.closeAll()
    expect(one.state.dispose).toHaveBeenCalledTimes(1)
    expect(two.state.dispose).toHaveBeenCalledTimes(1)
    expect(a.ends).toEqual([undefined])
    expect(b.ends).toEqual([undefined])
    expect(reg.openKeys()).toEqual([])
  })

  it('replays what a source kept to a subscriber who joins later, after its initial message', () => {
    const reg = new StreamRegistry()
    const make = (): StreamSource<string> => ({ initial: () => 'state', replay: () => ['old 1', 'old 2'], open: () => () => undefined })
    const first = recorder<string>()
    const late = recorder<string>()
    reg.subscribe('logs:x', make, first.subscriber)
    reg.subscribe('logs:x', make, late.subscriber)
    expect(first.messages).toEqual(['state'])
    expect(late.messages).toEqual(['state', 'old 1', 'old 2'])
  })

  it('tells a source when a subscriber is congested and resumes it once all are clear', () => {
    const reg = new StreamRegistry()
    let flow: Flow | undefined
    const make = (): StreamSource<number> => ({
      open: (_emit, _end, f) => {
        flow = f
        return () => undefined
      },
    })
    const clear = recorder<number>().subscriber
    let full = true
    const waiters: (() => void)[] = []
    const slow: Subscriber<number> = { ...recorder<number>().subscriber, congested: () => full, whenClear: (r) => (full ? waiters.push(r) : r()) }
    reg.subscribe('logs:y', make, clear)
    reg.subscribe('logs:y', make, slow)
    expect(flow!.congested()).toBe(true)
    const resumed = vi.fn()
    flow!.whenClear(resumed)
    expect(resumed).not.toHaveBeenCalled()
    full = false
    waiters.splice(0).forEach((w) => w())
    expect(resumed).toHaveBeenCalledTimes(1)
    expect(flow!.congested()).toBe(false)
  })
})
