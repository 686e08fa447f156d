import { describe, expect, it } from 'vitest'
import type { RawEvent } from './engine-event'
import { EventStreamMachine, type EventStreamEffect } from './stream-machine'

const NOW_MS = 1_732_370_000_000
const T0 = NOW_MS * 1e6 // an engine timeNano

function raw(action: string, id: string, timeNano: number): RawEvent {
  return { Type: 'container', Action: action, Actor: { ID: id, Attributes: { name: id } }, timeNano }
}

/** A machine already reading stream 1. */
function streaming() {
  const m = new EventStreamMachine({ now: () => NOW_MS })
  m.transition({ type: 'connection', connected: true })
  m.transition({ type: 'opened', stream: 1 })
  return m
}

const news = (effects: EventStreamEffect[]) => effects.flatMap((e) => (e.type === 'news' ? [`${e.event.action} ${e.event.id}`] : []))

describe('EventStreamMachine', () => {
  it('waits for the engine, then opens its stream a second before the subscription began', () => {
    const m = new EventStreamMachine({ now: () => NOW_MS })
    expect(m.state).toEqual({ phase: 'waiting-for-engine' })
    expect(m.transition({ type: 'connection', connected: false })).toEqual([])
    expect(m.transition({ type: 'connection', connected: true })).toEqual([{ type: 'open', stream: 1, since: ((NOW_MS - 1000) / 1000).toFixed(9) }])
    expect(m.state).toEqual({ phase: 'opening', stream: 1 })
  })

  it('opens one stream however often the connection says it is up', () => {
    const m = new EventStreamMachine({ now: () => NOW_MS })
    m.transition({ type: 'connection', connected: true })
    expect(m.transition({ type: 'connection', connected: true })).toEqual([])
    expect(m.transition({ type: 'opened', stream: 1 })).toEqual([{ type: 'listen', stream: 1 }])
    expect(m.state).toEqual({ phase: 'streaming', stream: 1 })
    expect(m.transition({ type: 'connection', connected: true })).toEqual([])
  })

  it('closes a stream that arrives after the connection dropped while it was being opened, and keeps the one opened after', () => {
    const m = new EventStreamMachine({ now: () => NOW_MS })
    m.transition({ type: 'connection', connected: true })
    expect(m.transition({ type: 'connection', connected: false })).toEqual([])
    expect(m.state).toEqual({ phase: 'waiting-for-engine' })
    expect(m.transition({ type: 'connection', connected: true })).toEqual([expect.objectContaining({ type: 'open', stream: 2 })])
    expect(m.transition({ type: 'opened', stream: 1 })).toEqual([{ type: 'close-stream', stream: 1 }])
    expect(m.transition({ type: 'opened', stream: 2 })).toEqual([{ type: 'listen', stream: 2 }])
    expect(m.transition({ type: 'open-failed', stream: 1, error: new Error('late') })).toEqual([])
  })

  it('reports the engine lost when the stream cannot be opened, and opens again once connected', () => {
    const m = new EventStreamMachine({ now: () => NOW_MS })
    m.transition({ type: 'connection', connected: true })
    const error = new Error('socket hang up')
    expect(m.transition({ type: 'open-failed', stream: 1, error })).toEqual([{ type: 'lost', error }])
    expect(m.state).toEqual({ phase: 'waiting-for-engine' })
    expect(m.transition({ type: 'connection', connected: true })).toEqual([expect.objectContaining({ type: 'open', stream: 2 })])
  })

  it('waits quietly when the connection had no client to open with', () => {
    const m = new EventStreamMachine({ now: () => NOW_MS })
    m.transition({ type: 'connection', connected: true })
    expect(m.transition({ type: 'no-client', stream: 1 })).toEqual([])
    expect(m.state).toEqual({ phase: 'waiting-for-engine' })
  })

  it('passes on each event once, including one that arrives after a newer one and distinct events with the same time', () => {
    const m = streaming()
    const effects = [raw('die', 'b', T0 + 2000), raw('die', 'a', T0 + 1000), raw('create', 'c', T0), raw('create', 'd', T0), raw('create', 'c', T0)].flatMap((r) =>
      m.transition({ type: 'received', stream: 1, raw: r }),
    )
    expect(news(effects)).toEqual(['die b', 'die a', 'create c', 'create d'])
    expect(effects.find((e) => e.type === 'news')).toEqual({ type: 'news', event: { type: 'container', action: 'die', id: 'b', name: 'b', timeNano: T0 + 2000 } })
  })

  it('ignores what names nothing and what comes on a stream it no longer reads', () => {
    const m = streaming()
    expect(m.transition({ type: 'received', stream: 1, raw: { Type: 'container', Action: 'start' } })).toEqual([])
    expect(m.transition({ type: 'received', stream: 7, raw: raw('start', 'a', T0) })).toEqual([])
    expect(m.transition({ type: 'gone', stream: 7 })).toEqual([])
    expect(m.state).toEqual({ phase: 'streaming', stream: 1 })
  })

  it('reports the engine lost when its stream ends by itself, as a cut connection unless the error says otherwise', () => {
    const m = streaming()
    const [ended] = m.transition({ type: 'gone', stream: 1 })
    expect(ended).toEqual({ type: 'lost', error: expect.objectContaining({ message: 'the engine closed its event stream', code: 'ECONNRESET' }) })
    expect(m.state).toEqual({ phase: 'waiting-for-engine' })
    m.transition({ type: 'connection', connected: true })
    m.transition({ type: 'opened', stream: 2 })
    const [failed] = m.transition({ type: 'gone', stream: 2, error: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) })
    expect(failed).toEqual({ type: 'lost', error: expect.objectContaining({ message: 'refused', code: 'ECONNREFUSED' }) })
  })

  it('closes its stream when the connection goes, without reporting a loss', () => {
    const m = streaming()
    expect(m.transition({ type: 'connection', connected: false })).toEqual([{ type: 'close-stream', stream: 1 }])
    expect(m.state).toEqual({ phase: 'waiting-for-engine' })
  })

  it('resumes a second before the newest event seen, and drops what the resumed stream replays', () => {
    const m = streaming()
    for (const r of [raw('kill', 'a', T0 + 1000), raw('kill', 'b', T0 + 3000), raw('start', 'c', T0 + 2000)]) m.transition({ type: 'received', stream: 1, raw: r })
    m.transition({ type: 'gone', stream: 1 })
    expect(m.transition({ type: 'connection', connected: true })).toEqual([{ type: 'open', stream: 2, since: ((T0 + 3000 - 1e9) / 1e9).toFixed(9) }])
    m.transition({ type: 'opened', stream: 2 })
    // `die a` happened before `kill b` but never came on the first stream.
    const replayed = [raw('kill', 'a', T0 + 1000), raw('die', 'a', T0 + 1500), raw('start', 'c', T0 + 2000), raw('kill', 'b', T0 + 3000)].flatMap((r) =>
      m.transition({ type: 'received', stream: 2, raw: r }),
    )
    expect(news(replayed)).toEqual(['die a'])
  })

  it('resumes from when it began listening if the engine went away before any event', () => {
    const m = streaming()
    m.transition({ type: 'connection', connected: false })
    expect(m.transition({ type: 'connection', connected: true })).toEqual([{ type: 'open', stream: 2, since: ((NOW_MS - 1000) / 1000).toFixed(9) }])
  })

  it('does nothing once closed, but close a stream that arrives late', () => {
    const m = new EventStreamMachine({ now: () => NOW_MS })
    m.transition({ type: 'connection', connected: true })
    expect(m.transition({ type: 'close' })).toEqual([])
    expect(m.state).toEqual({ phase: 'closed' })
    expect(m.transition({ type: 'opened', stream: 1 })).toEqual([{ type: 'close-stream', stream: 1 }])
    expect(m.transition({ type: 'connection', connected: true })).toEqual([])
    expect(m.transition({ type: 'received', stream: 1, raw: raw('start', 'a', T0) })).toEqual([])
    expect(m.transition({ type: 'gone', stream: 1 })).toEqual([])
    expect(m.state).toEqual({ phase: 'closed' })
  })
})
