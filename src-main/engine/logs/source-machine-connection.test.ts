import { describe, expect, it } from 'vitest'
import { BerthError } from '../../../src-shared/contract/errors'
import { checkingAfter, clock, event, line, machine, ofType, sent, streaming, T, target, unixOf } from './fixtures/machine-fixtures'
import { engineTime } from './fixtures/fake-log-engine'
import type { LogSourceInput } from './source-machine'

// The logs machine and its engine: going away, coming back, another engine, and the end.
describe('LogSourceMachine: the connection and the end', () => {
  it('a log that does not follow ends with ENGINE_UNREACHABLE in the connection’s words when it goes, closing the stream it reads', () => {
    const m = streaming({ follow: false })
    expect(m.transition({ type: 'connection', connected: true })).toEqual([])
    expect(m.transition({ type: 'connection', connected: false, message: 'the engine went away' })).toEqual([
      { type: 'close-stream', stream: 1 },
      { type: 'end', error: { code: 'ENGINE_UNREACHABLE', message: 'the engine went away', details: { reason: 'engine_unreachable' } } },
    ])
    const resolving = machine()
    resolving.transition({ type: 'start' })
    expect(resolving.transition({ type: 'connection', connected: false })).toEqual([{ type: 'end', error: expect.objectContaining({ message: 'Berth lost the connection to the container engine.' }) }])
  })

  it('a followed log says the engine went away once, closes its stream and waits, whatever it was doing', () => {
    const m = streaming()
    expect(m.transition({ type: 'connection', connected: false })).toEqual([
      { type: 'close-stream', stream: 1 },
      { type: 'send', message: { kind: 'lifecycle', event: 'disconnected', time: new Date(T).toISOString() } },
    ])
    expect(m.transition({ type: 'connection', connected: false })).toEqual([])
    expect(m.state).toEqual({ phase: 'waiting-for-engine' })
    const checking = checkingAfter([line(T - 10)])
    expect(sent(checking.transition({ type: 'connection', connected: false }))).toEqual([{ kind: 'lifecycle', event: 'disconnected', time: new Date(T).toISOString() }])
    expect(checking.transition({ type: 'inspect-failed', error: new Error('late answer') })).toEqual([])
    expect(checking.state).toEqual({ phase: 'waiting-for-engine' })
  })

  it('when the engine answers again, says so and follows on from the last line taken: none twice', () => {
    const c = clock()
    const m = streaming({}, c)
    m.transition({ type: 'lines', stream: 1, lines: [line(T - 20, 'one'), line(T - 10, 'two')] })
    m.transition({ type: 'connection', connected: false })
    c.engineAt = T + 60_000
    expect(m.transition({ type: 'connection', connected: true })).toEqual([
      { type: 'send', message: { kind: 'lifecycle', event: 'reconnected', time: new Date(T + 60_000).toISOString() } },
      { type: 'inspect', ref: 'c1' },
    ])
    const reopened = m.transition({ type: 'inspected', target: target() })
    expect(ofType(reopened, 'open')).toEqual([{ type: 'open', stream: 2, containerId: 'c1', query: { follow: true, stdout: true, stderr: true, tail: 'all', since: unixOf(T - 10) } }])
    m.transition({ type: 'opened', stream: 2 })
    const again = m.transition({ type: 'lines', stream: 2, lines: [line(T - 10, 'two'), line(T + 30_000, 'three')] })
    expect(ofType(again, 'lines').flatMap((e) => e.lines.map((l) => l.text))).toEqual(['three'])
  })

  it('when the engine answers again after the container stopped or went, says that instead of following', () => {
    const stoppedMeanwhile = streaming()
    stoppedMeanwhile.transition({ type: 'lines', stream: 1, lines: [line(T - 10)] })
    stoppedMeanwhile.transition({ type: 'connection', connected: false })
    stoppedMeanwhile.transition({ type: 'connection', connected: true })
    const finishedAt = engineTime(T + 5)
    expect(sent(stoppedMeanwhile.transition({ type: 'inspected', target: target({ running: false, finishedAt }) }))).toEqual([{ kind: 'lifecycle', event: 'stopped', time: finishedAt }])
    expect(stoppedMeanwhile.state).toEqual({ phase: 'waiting-for-start' })

    const removed = streaming()
    removed.transition({ type: 'connection', connected: false })
    removed.transition({ type: 'connection', connected: true })
    expect(removed.transition({ type: 'inspect-failed', error: new BerthError('NOT_FOUND', 'gone') })).toEqual([{ type: 'send', message: { kind: 'done', reason: 'removed' } }, { type: 'end' }])
  })

  it('ends with ENGINE_UNREACHABLE when Berth connects to another engine than the log’s', () => {
    const m = streaming()
    m.transition({ type: 'connection', connected: false })
    expect(m.transition({ type: 'connection', connected: true, switched: true })).toEqual([
      { type: 'end', error: expect.objectContaining({ code: 'ENGINE_UNREACHABLE', message: expect.stringContaining('another engine') }) },
    ])
    const reading = streaming()
    expect(ofType(reading.transition({ type: 'connection', connected: true, switched: true }), 'close-stream')).toEqual([{ type: 'close-stream', stream: 1 }])
  })

  it('closes a stream that arrives after it ended', () => {
    const m = machine()
    m.transition({ type: 'start' })
    m.transition({ type: 'inspected', target: target() })
    m.transition({ type: 'connection', connected: true, switched: true })
    expect(m.transition({ type: 'opened', stream: 1 })).toEqual([{ type: 'close-stream', stream: 1 }])
  })

  it('closes a stream that arrives while it waits for the engine', () => {
    const m = machine()
    m.transition({ type: 'start' })
    m.transition({ type: 'inspected', target: target() })
    m.transition({ type: 'connection', connected: false })
    expect(m.transition({ type: 'opened', stream: 1 })).toEqual([{ type: 'close-stream', stream: 1 }])
  })

  it('does nothing once disposed', () => {
    const m = streaming()
    expect(m.transition({ type: 'dispose' })).toEqual([])
    expect(m.state).toEqual({ phase: 'ended' })
    for (const input of [
      { type: 'lines', stream: 1, lines: [line(T)] },
      { type: 'stream-ended', stream: 1, lines: [] },
      event('start'),
      { type: 'connection', connected: false },
      { type: 'inspected', target: target() },
      { type: 'start' },
    ] satisfies LogSourceInput[]) {
      expect(m.transition(input)).toEqual([])
    }
  })
})
