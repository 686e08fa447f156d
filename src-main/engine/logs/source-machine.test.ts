import { describe, expect, it } from 'vitest'
import { BerthError } from '../../../src-shared/contract/errors'
import { checkingAfter, clock, event, line, machine, ofType, sent, streaming, T, target, unixOf } from './fixtures/machine-fixtures'
import { engineTime } from './fixtures/fake-log-engine'
import { JUMP_TAIL } from './source-machine'

describe('LogSourceMachine: resolving and opening', () => {
  it('inspects the container, listens to its events and opens its followed log as asked', () => {
    const m = machine({ tail: 10 })
    expect(m.state).toEqual({ phase: 'resolving' })
    expect(m.transition({ type: 'start' })).toEqual([{ type: 'inspect', ref: 'web' }])
    expect(m.transition({ type: 'inspected', target: target() })).toEqual([
      { type: 'follow-events', containerId: 'c1' },
      { type: 'open', stream: 1, containerId: 'c1', query: { follow: true, stdout: true, stderr: true, tail: 10 } },
    ])
    expect(m.state).toEqual({ phase: 'opening', stream: 1, again: false, skip: null })
    expect(m.transition({ type: 'opened', stream: 1 })).toEqual([{ type: 'read', stream: 1, tty: false }])
    expect(m.state).toEqual({ phase: 'streaming', stream: 1, skip: null, lines: 0 })
  })

  it('listens to no events when not following, nor when following up to an `until`', () => {
    for (const params of [{ follow: false }, { until: '5m' }]) {
      const m = machine(params)
      m.transition({ type: 'start' })
      expect(ofType(m.transition({ type: 'inspected', target: target() }), 'follow-events')).toEqual([])
    }
  })

  it('turns since and until into the unix seconds the engine takes, relative ones counted back from now', () => {
    const m = machine({ since: '15m', until: '2026-01-01T11:59:00Z', follow: false })
    m.transition({ type: 'start' })
    const [open] = ofType(m.transition({ type: 'inspected', target: target() }), 'open')
    expect(open!.query).toEqual({ follow: false, stdout: true, stderr: true, tail: 'all', since: `${(T - 15 * 60_000) / 1000}.000000000`, until: `${(T - 60_000) / 1000}.000000000` })
  })

  it('ends with INVALID_INPUT for a since or until it cannot read, opening nothing', () => {
    for (const params of [{ since: 'yesterday' }, { until: 'soon' }]) {
      const m = machine(params)
      m.transition({ type: 'start' })
      const effects = m.transition({ type: 'inspected', target: target() })
      expect(ofType(effects, 'open')).toEqual([])
      expect(effects.at(-1)).toEqual({ type: 'end', error: expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(params.since ?? params.until!) }) })
      expect(m.state).toEqual({ phase: 'ended' })
    }
  })

  it('ends with the inspect’s error when the container cannot be resolved', () => {
    const m = machine()
    m.transition({ type: 'start' })
    const error = new BerthError('NOT_FOUND', 'Container “web” does not exist on this engine.', { reason: 'not_found' })
    expect(m.transition({ type: 'inspect-failed', error })).toEqual([{ type: 'end', error: error.toJSON() }])
    expect(m.state).toEqual({ phase: 'ended' })
  })

  it('closes a stream that is not the one it waits for', () => {
    const m = streaming()
    expect(m.transition({ type: 'opened', stream: 9 })).toEqual([{ type: 'close-stream', stream: 9 }])
    expect(m.state).toMatchObject({ phase: 'streaming', stream: 1 })
    expect(m.transition({ type: 'open-failed', stream: 9, error: new Error('late') })).toEqual([])
  })

  it('fails when the first open fails, 404 included; a 404 on a later open means the container was removed', () => {
    const notFound = Object.assign(new Error('no such container'), { statusCode: 404 })
    const first = machine()
    first.transition({ type: 'start' })
    first.transition({ type: 'inspected', target: target() })
    expect(first.transition({ type: 'open-failed', stream: 1, error: notFound })).toEqual([{ type: 'end', error: expect.objectContaining({ code: 'NOT_FOUND' }) }])

    const later = checkingAfter([line(T - 10)])
    later.transition({ type: 'inspected', target: target({ startedAt: engineTime(T), finishedAt: engineTime(T - 5) }) })
    expect(later.state).toMatchObject({ phase: 'opening', again: true })
    expect(later.transition({ type: 'open-failed', stream: 2, error: notFound })).toEqual([{ type: 'send', message: { kind: 'done', reason: 'removed' } }, { type: 'end' }])
  })

  it('reports the engine lost when a stream cannot be opened for want of it: a followed log waits for it, any other ends', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED' })
    const followed = machine()
    followed.transition({ type: 'start' })
    followed.transition({ type: 'inspected', target: target() })
    expect(followed.transition({ type: 'open-failed', stream: 1, error })).toEqual([
      { type: 'lost', error },
      { type: 'send', message: { kind: 'lifecycle', event: 'disconnected', time: new Date(T).toISOString() } },
    ])
    expect(followed.state).toEqual({ phase: 'waiting-for-engine' })

    const once = machine({ follow: false })
    once.transition({ type: 'start' })
    once.transition({ type: 'inspected', target: target() })
    expect(once.transition({ type: 'open-failed', stream: 1, error })).toEqual([
      { type: 'lost', error },
      { type: 'end', error: expect.objectContaining({ code: 'ENGINE_UNREACHABLE', message: expect.stringContaining('nothing is listening'), details: { reason: 'engine_unreachable' } }) },
    ])
  })

  it('ends with the engine’s error for any other failure to open', () => {
    const m = machine()
    m.transition({ type: 'start' })
    m.transition({ type: 'inspected', target: target() })
    expect(m.transition({ type: 'open-failed', stream: 1, error: Object.assign(new Error('boom'), { statusCode: 500 }) })).toEqual([
      { type: 'end', error: expect.objectContaining({ code: 'INTERNAL' }) },
    ])
  })
})

describe('LogSourceMachine: streaming', () => {
  it('sends lines as they are read and paces the stream they came from; ignores lines of another stream', () => {
    const m = streaming()
    const lines = [line(T - 5000), line(T - 4000)]
    expect(m.transition({ type: 'lines', stream: 1, lines })).toEqual([{ type: 'lines', lines, pace: 1 }])
    expect(m.state).toMatchObject({ lines: 2 })
    expect(m.transition({ type: 'lines', stream: 1, lines: [] })).toEqual([{ type: 'lines', lines: [], pace: 1 }])
    expect(m.transition({ type: 'lines', stream: 7, lines })).toEqual([])
    expect(m.transition({ type: 'stream-ended', stream: 7, lines: [] })).toEqual([])
  })

  it('says done after the last lines of a log that is not followed', () => {
    const m = streaming({ follow: false })
    const last = [line(T - 1)]
    expect(m.transition({ type: 'stream-ended', stream: 1, lines: last })).toEqual([
      { type: 'lines', lines: last, pace: null },
      { type: 'close-stream', stream: 1 },
      { type: 'send', message: { kind: 'done', reason: 'complete' } },
      { type: 'end' },
    ])
    expect(m.state).toEqual({ phase: 'ended' })
  })

  it('says done when a followed range with an `until` ends', () => {
    const m = streaming({ until: '1m' })
    expect(sent(m.transition({ type: 'stream-ended', stream: 1, lines: [] }))).toEqual([{ kind: 'done', reason: 'complete' }])
  })

  it('looks at the container when a followed stream ends, and remembers whether that stream had lines', () => {
    const withLines = streaming()
    withLines.transition({ type: 'lines', stream: 1, lines: [line(T - 10)] })
    expect(withLines.transition({ type: 'stream-ended', stream: 1, lines: [] })).toEqual([
      { type: 'close-stream', stream: 1 },
      { type: 'inspect', ref: 'c1' },
    ])
    expect(withLines.state).toEqual({ phase: 'checking', carryOn: true, recheck: false })
    const empty = streaming()
    empty.transition({ type: 'stream-ended', stream: 1, lines: [] })
    expect(empty.state).toEqual({ phase: 'checking', carryOn: false, recheck: false })
  })

  it('reports the engine lost when the stream fails for want of it, and waits for the engine', () => {
    const m = streaming()
    const error = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })
    expect(m.transition({ type: 'stream-ended', stream: 1, lines: [], error })).toEqual([
      { type: 'close-stream', stream: 1 },
      { type: 'lost', error },
      { type: 'send', message: { kind: 'lifecycle', event: 'disconnected', time: new Date(T).toISOString() } },
    ])
    expect(m.state).toEqual({ phase: 'waiting-for-engine' })
  })

  it('treats any other stream error as the end of the stream', () => {
    const m = streaming()
    expect(m.transition({ type: 'stream-ended', stream: 1, lines: [], error: new Error('aborted') })).toEqual([
      { type: 'close-stream', stream: 1 },
      { type: 'inspect', ref: 'c1' },
    ])
  })
})

describe('LogSourceMachine: lagging behind the engine', () => {
  it('jumps to the newest lines when a line read is far behind the engine’s clock: skipped marker after the last line taken, then the log’s last lines', () => {
    const c = clock()
    const m = streaming({}, c)
    m.transition({ type: 'lines', stream: 1, lines: [line(T)] })
    c.engineAt = T + 5000
    const late = [line(T + 10), line(T + 10, 'same time')]
    expect(m.transition({ type: 'lines', stream: 1, lines: late })).toEqual([
      { type: 'lines', lines: late, pace: null },
      { type: 'close-stream', stream: 1 },
      { type: 'send', message: { kind: 'skipped', after: engineTime(T + 10) } },
      { type: 'open', stream: 2, containerId: 'c1', query: { follow: true, stdout: true, stderr: true, tail: JUMP_TAIL } },
    ])
    expect(m.state).toEqual({ phase: 'opening', stream: 2, again: true, skip: { after: expect.objectContaining({ sec: (T + 10 - ((T + 10) % 1000)) / 1000 }), atAfter: 2 } })
  })

  it('never counts the history asked for as lag, nor the last lines of a stream that ended', () => {
    const c = clock()
    const m = streaming({}, c)
    c.engineAt = T + 60_000
    expect(m.transition({ type: 'lines', stream: 1, lines: [line(T - 30_000)] })).toEqual([expect.objectContaining({ type: 'lines', pace: 1 })])
    const now = streaming({}, c)
    now.transition({ type: 'lines', stream: 1, lines: [line(T + 60_000)] })
    c.engineAt = T + 70_000
    expect(ofType(now.transition({ type: 'stream-ended', stream: 1, lines: [line(T + 60_001)] }), 'send')).toEqual([])
    expect(now.state.phase).toBe('checking')
  })

  it('does not jump when following a range that ends', () => {
    const c = clock()
    const m = streaming({ until: '2026-01-02T00:00:00Z' }, c)
    m.transition({ type: 'lines', stream: 1, lines: [line(T)] })
    c.engineAt = T + 9000
    expect(m.transition({ type: 'lines', stream: 1, lines: [line(T + 1)] })).toEqual([expect.objectContaining({ type: 'lines', pace: 1 })])
  })
})

describe('LogSourceMachine: checking after a stream ended', () => {
  it('says stopped once when the container stopped, then waits for its events', () => {
    const m = checkingAfter([line(T - 10)])
    const stopped = target({ running: false, finishedAt: engineTime(T - 5) })
    expect(m.transition({ type: 'inspected', target: stopped })).toEqual([{ type: 'send', message: { kind: 'lifecycle', event: 'stopped', time: engineTime(T - 5) } }])
    expect(m.state).toEqual({ phase: 'waiting-for-start' })
    expect(m.transition(event('die'))).toEqual([{ type: 'inspect', ref: 'c1' }])
    expect(m.state).toEqual({ phase: 'checking', carryOn: false, recheck: false })
    expect(m.transition({ type: 'inspected', target: stopped })).toEqual([])
    expect(m.state).toEqual({ phase: 'waiting-for-start' })
  })

  it('on a new run says restarted and follows from the last line taken, skipping those that come again', () => {
    const m = checkingAfter([line(T - 20), line(T - 10), line(T - 10, 'twin')])
    m.transition({ type: 'inspected', target: target({ running: false, finishedAt: engineTime(T - 5) }) })
    m.transition(event('start'))
    const restarted = target({ startedAt: engineTime(T), finishedAt: engineTime(T - 5) })
    expect(m.transition({ type: 'inspected', target: restarted })).toEqual([
      { type: 'send', message: { kind: 'lifecycle', event: 'restarted', time: engineTime(T) } },
      { type: 'open', stream: 2, containerId: 'c1', query: { follow: true, stdout: true, stderr: true, tail: 'all', since: unixOf(T - 10) } },
    ])
    m.transition({ type: 'opened', stream: 2 })
    // The engine sends again the lines from `since`: both at T-10 were taken already.
    const again = [line(T - 10), line(T - 10, 'twin'), line(T + 1, 'new')]
    expect(m.transition({ type: 'lines', stream: 2, lines: again })).toEqual([{ type: 'lines', lines: [again[2]], pace: 2 }])
    expect(m.state).toMatchObject({ phase: 'streaming', skip: null, lines: 1 })
  })

  it('keeps skipping across reads until a line it had not taken comes', () => {
    const m = checkingAfter([line(T - 10)])
    m.transition({ type: 'inspected', target: target({ startedAt: engineTime(T), finishedAt: engineTime(T - 5) }) })
    m.transition({ type: 'opened', stream: 2 })
    expect(m.transition({ type: 'lines', stream: 2, lines: [line(T - 30)] })).toEqual([{ type: 'lines', lines: [], pace: 2 }])
    expect(m.transition({ type: 'lines', stream: 2, lines: [line(T - 10)] })).toEqual([{ type: 'lines', lines: [], pace: 2 }])
    const next = line(T - 10, 'another at the same time')
    expect(m.transition({ type: 'lines', stream: 2, lines: [next] })).toEqual([{ type: 'lines', lines: [next], pace: 2 }])
  })

  it('says stopped and restarted together when the container ran again before it looked', () => {
    const m = checkingAfter([line(T - 10)])
    const effects = m.transition({ type: 'inspected', target: target({ startedAt: engineTime(T), finishedAt: engineTime(T - 5) }) })
    expect(sent(effects)).toEqual([
      { kind: 'lifecycle', event: 'stopped', time: engineTime(T - 5) },
      { kind: 'lifecycle', event: 'restarted', time: engineTime(T) },
    ])
  })

  it('follows a new run from the end of the previous one when no line was taken yet', () => {
    const m = checkingAfter([])
    const [open] = ofType(m.transition({ type: 'inspected', target: target({ startedAt: engineTime(T), finishedAt: engineTime(T - 5) }) }), 'open')
    expect(open!.query).toEqual({ follow: true, stdout: true, stderr: true, tail: 'all', since: unixOf(T - 5) })
    expect(m.state).toEqual({ phase: 'opening', stream: 2, again: true, skip: null })
  })

  it('carries on where it stopped when the engine closed the stream of a container that still runs', () => {
    const m = checkingAfter([line(T - 10)])
    expect(m.transition({ type: 'inspected', target: target() })).toEqual([
      { type: 'open', stream: 2, containerId: 'c1', query: { follow: true, stdout: true, stderr: true, tail: 'all', since: unixOf(T - 10) } },
    ])
  })

  it('waits, without a word, when a stream with nothing in it ended and the container still runs', () => {
    const m = checkingAfter([])
    expect(m.transition({ type: 'inspected', target: target() })).toEqual([])
    expect(m.state).toEqual({ phase: 'waiting-for-start' })
  })

  it('looks once more when an event came during a look that leaves it waiting', () => {
    const m = checkingAfter([line(T - 10)])
    expect(m.transition(event('die'))).toEqual([])
    expect(m.transition(event('start'))).toEqual([])
    expect(m.state).toEqual({ phase: 'checking', carryOn: true, recheck: true })
    const stopped = target({ running: false, finishedAt: engineTime(T - 5) })
    expect(m.transition({ type: 'inspected', target: stopped })).toEqual([
      { type: 'send', message: expect.objectContaining({ event: 'stopped' }) },
      { type: 'inspect', ref: 'c1' },
    ])
    expect(m.state).toEqual({ phase: 'checking', carryOn: false, recheck: false })
  })

  it('heeds only start, die and destroy events of its own container, and only while not streaming', () => {
    const m = checkingAfter([])
    m.transition({ type: 'inspected', target: target({ running: false }) })
    for (const input of [event('start', 'other'), event('pause'), event('start', 'c1', 'image')]) expect(m.transition(input)).toEqual([])
    expect(m.state).toEqual({ phase: 'waiting-for-start' })
    const live = streaming()
    expect(live.transition(event('die'))).toEqual([])
    expect(live.state.phase).toBe('streaming')
  })

  it('says done removed when the container is gone, and ends with any other inspect error', () => {
    const m = checkingAfter([])
    expect(m.transition({ type: 'inspect-failed', error: new BerthError('NOT_FOUND', 'gone') })).toEqual([{ type: 'send', message: { kind: 'done', reason: 'removed' } }, { type: 'end' }])
    const other = checkingAfter([])
    expect(other.transition({ type: 'inspect-failed', error: new BerthError('INTERNAL', 'broken') })).toEqual([
      { type: 'end', error: expect.objectContaining({ code: 'INTERNAL', message: 'broken' }) },
    ])
  })

  it('ignores an inspect answer it did not ask for', () => {
    const m = streaming()
    expect(m.transition({ type: 'inspected', target: target({ running: false }) })).toEqual([])
    expect(m.transition({ type: 'inspect-failed', error: new Error('x') })).toEqual([])
    expect(m.state.phase).toBe('streaming')
  })
})
