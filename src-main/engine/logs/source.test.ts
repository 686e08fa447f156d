import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LogMessage } from '../../../src-shared/contract/logs'
import type { BerthErrorShape } from '../../../src-shared/contract/errors'
import { openEngineStreams } from '../../streams/gauge'
import type { Flow } from '../../streams/registry'
import { engineTime, fakeLogEngine, manualFlow, type FakeLogEngine } from './fixtures/fake-log-engine'
import { logsSource, type LogSourceParams } from './source'

// The driver on a hand-driven engine: what reaches the subscriber, which engine streams it
// opens and closes. The transitions themselves are tested on the machine (source-machine.test.ts).

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

function open(f: FakeLogEngine, params: Partial<LogSourceParams> & { id: string }, options: { flow?: Flow; onMessage?: (m: LogMessage, close: () => void) => void } = {}) {
  const messages: LogMessage[] = []
  const ends: (BerthErrorShape | undefined)[] = []
  const source = logsSource({ conn: f.conn, onContainerEvent: f.onContainerEvent, now: f.now }, { stdout: true, stderr: true, tail: 'all', follow: true, ...params })
  let close: () => void = () => undefined
  let closed = false
  const closeOnce = () => {
    if (closed) return
    closed = true
    close()
  }
  close = source.open(
    (m) => {
      messages.push(m)
      options.onMessage?.(m, closeOnce)
    },
    (error) => {
      ends.push(error)
      closeOnce()
    },
    options.flow,
  )
  cleanups.push(closeOnce)
  const texts = () => messages.flatMap((m) => (m.kind === 'lines' ? m.lines.map((l) => l.text) : []))
  const kinds = () => messages.map((m) => (m.kind === 'lifecycle' ? m.event : m.kind === 'done' ? `done ${m.reason}` : m.kind))
  return { source, messages, ends, texts, kinds, close: closeOnce }
}

describe('logsSource', () => {
  it('reads a log that is not followed to its end, then says done and closes the engine stream', async () => {
    const f = fakeLogEngine()
    f.run('web', ['one', 'two', 'three'])
    const s = open(f, { id: 'web', follow: false, tail: 2 })
    await vi.waitFor(() => expect(s.ends).toEqual([undefined]))
    expect(s.texts()).toEqual(['two', 'three'])
    expect(s.messages.at(-1)).toEqual({ kind: 'done', reason: 'complete' })
    expect(f.dials[0]!.options).toMatchObject({ follow: false, tail: 2, timestamps: true })
    expect(openEngineStreams('logs')).toBe(0)
  })

  it('follows a container across a stop and a start: stopped, restarted, then only the lines it had not sent', async () => {
    const f = fakeLogEngine()
    f.run('web', ['a', 'b'])
    const s = open(f, { id: 'web' })
    await vi.waitFor(() => expect(s.texts()).toEqual(['a', 'b']))
    f.setClock(f.clock + 1000)
    f.stop('web')
    await vi.waitFor(() => expect(s.kinds()).toContain('stopped'))
    expect(openEngineStreams('logs')).toBe(0)
    f.setClock(f.clock + 1000)
    f.start('web')
    await vi.waitFor(() => expect(f.dials).toHaveLength(2))
    // From the last line sent; the engine sends it again and it is skipped.
    expect(f.dials[1]!.options).toMatchObject({ follow: true, tail: 'all', since: expect.stringMatching(/^\d+\.\d{9}$/) })
    f.write('web', 'c')
    await vi.waitFor(() => expect(s.texts()).toEqual(['a', 'b', 'c']))
    expect(s.kinds()).toEqual(['lines', 'stopped', 'restarted', 'lines'])
    expect(s.messages[2]).toEqual({ kind: 'lifecycle', event: 'restarted', time: engineTime(f.clock) })
    expect(openEngineStreams('logs')).toBe(1)
    s.close()
    expect(openEngineStreams('logs')).toBe(0)
    expect(f.eventListeners.size).toBe(0)
    expect(f.statusListeners.size).toBe(0)
  })

  it('carries on after the engine closes the stream of a container that still runs, sending no line twice', async () => {
    const f = fakeLogEngine()
    f.run('web', ['a', 'b'])
    // The stream ends before the lines read from it went out (they wait a moment to be batched).
    f.dropNextFollow('web')
    const s = open(f, { id: 'web' })
    await vi.waitFor(() => expect(f.dials).toHaveLength(2))
    f.write('web', 'c')
    await vi.waitFor(() => expect(s.texts()).toContain('c'))
    expect(s.texts()).toEqual(['a', 'b', 'c'])
    expect(s.kinds().filter((k) => k !== 'lines')).toEqual([])
  })

  it('says a followed container stopped, then done removed once it is removed', async () => {
    const f = fakeLogEngine()
    f.run('web', ['a'])
    const s = open(f, { id: 'web' })
    await vi.waitFor(() => expect(s.texts()).toEqual(['a']))
    f.stop('web')
    await vi.waitFor(() => expect(s.kinds()).toContain('stopped'))
    f.remove('web')
    await vi.waitFor(() => expect(s.ends).toEqual([undefined]))
    expect(s.kinds()).toEqual(['lines', 'stopped', 'done removed'])
    expect(f.eventListeners.size).toBe(0)
  })

  it('ends with NOT_FOUND for a container the engine does not know', async () => {
    const f = fakeLogEngine()
    const s = open(f, { id: 'ghost' })
    await vi.waitFor(() => expect(s.ends).toHaveLength(1))
    expect(s.ends[0]).toMatchObject({ code: 'NOT_FOUND' })
    expect(f.dials).toEqual([])
  })

  it('refuses a since it cannot read, without opening the log', async () => {
    const f = fakeLogEngine()
    f.run('web', ['a'])
    const s = open(f, { id: 'web', since: 'yesterday' })
    await vi.waitFor(() => expect(s.ends).toHaveLength(1))
    expect(s.ends[0]).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('yesterday') })
    expect(f.dials).toEqual([])
  })

  it('a log read once ends with ENGINE_UNREACHABLE when the connection goes, and closes its engine stream', async () => {
    const f = fakeLogEngine()
    f.run('web', ['a'])
    const release = f.holdDials()
    const s = open(f, { id: 'web', follow: false })
    await new Promise((r) => setTimeout(r, 10))
    f.setStatus('disconnected')
    release()
    expect(s.ends).toEqual([expect.objectContaining({ code: 'ENGINE_UNREACHABLE', message: 'the engine went away' })])
    await vi.waitFor(() => expect(f.dials[0]!.res.destroyed).toBe(true))
    expect(openEngineStreams('logs')).toBe(0)
  })

  it('a followed log closes its engine stream when the connection goes, and carries on when it is back: a divider each way, no line twice', async () => {
    const f = fakeLogEngine()
    f.run('web', ['a', 'b'])
    const s = open(f, { id: 'web' })
    await vi.waitFor(() => expect(s.texts()).toEqual(['a', 'b']))
    f.setStatus('disconnected')
    expect(s.ends).toEqual([])
    expect(f.dials[0]!.res.destroyed).toBe(true)
    expect(openEngineStreams('logs')).toBe(0)
    f.write('web', 'c')
    f.setStatus('connected')
    await vi.waitFor(() => expect(s.texts()).toEqual(['a', 'b', 'c']))
    f.write('web', 'd', f.clock + 1)
    await vi.waitFor(() => expect(s.texts()).toEqual(['a', 'b', 'c', 'd']))
    expect(s.kinds()).toEqual(['lines', 'disconnected', 'reconnected', 'lines', 'lines'])
    expect(openEngineStreams('logs')).toBe(1)
  })

  it('closes an engine stream that arrives after the source was closed', async () => {
    const f = fakeLogEngine()
    f.run('web', ['a'])
    const release = f.holdDials()
    const s = open(f, { id: 'web' })
    await new Promise((r) => setTimeout(r, 10))
    s.close()
    release()
    await vi.waitFor(() => expect(f.dials).toHaveLength(1))
    await vi.waitFor(() => expect(f.dials[0]!.res.destroyed).toBe(true))
    expect(openEngineStreams('logs')).toBe(0)
    expect(s.messages).toEqual([])
  })

  it('stops reading the engine while a subscriber is congested, and reads on once it is clear', async () => {
    const f = fakeLogEngine()
    f.run('web', ['a'])
    const flow = manualFlow()
    const s = open(f, { id: 'web' }, { flow })
    await vi.waitFor(() => expect(s.texts()).toEqual(['a']))
    flow.congestedNow = true
    f.write('web', 'b')
    await vi.waitFor(() => expect(f.dials[0]!.res.isPaused()).toBe(true))
    flow.release()
    expect(f.dials[0]!.res.isPaused()).toBe(false)
    await vi.waitFor(() => expect(s.texts()).toEqual(['a', 'b']))
  })

  it('jumps a followed log that fell behind to its newest lines: a skipped marker after the last line sent, and no line twice', async () => {
    const f = fakeLogEngine()
    const t = f.clock
    f.run('web')
    const s = open(f, { id: 'web', tail: 0 })
    await vi.waitFor(() => expect(f.dials).toHaveLength(1))
    f.write('web', 'on time', t)
    await vi.waitFor(() => expect(s.texts()).toEqual(['on time']))
    // A line read five seconds after it was written: the engine holds a backlog.
    f.setClock(t + 5000)
    f.write('web', 'late', t + 10)
    await vi.waitFor(() => expect(s.kinds()).toContain('skipped'))
    expect(s.messages.find((m) => m.kind === 'skipped')).toEqual({ kind: 'skipped', after: engineTime(t + 10) })
    await vi.waitFor(() => expect(f.dials).toHaveLength(2))
    expect(f.dials[1]!.options).toMatchObject({ follow: true, tail: 1000 })
    expect(f.dials[1]!.options.since).toBeUndefined()
    f.write('web', 'newest', t + 5000)
    await vi.waitFor(() => expect(s.texts()).toEqual(['on time', 'late', 'newest']))
    expect(s.kinds()).toEqual(['lines', 'lines', 'skipped', 'lines'])
    expect(openEngineStreams('logs')).toBe(1)
  })

  it('does not jump ahead on the last lines of a stream that ended: nothing is held back any more', async () => {
    const f = fakeLogEngine()
    const t = f.clock
    f.run('web')
    const s = open(f, { id: 'web', tail: 0 })
    await vi.waitFor(() => expect(f.dials).toHaveLength(1))
    f.write('web', 'on time', t)
    await vi.waitFor(() => expect(s.texts()).toEqual(['on time']))
    f.setClock(t + 5000)
    // Its last output has no newline: the line completes only when the stream ends.
    f.writePartial('web', 'last words', t + 10)
    f.stop('web')
    await vi.waitFor(() => expect(s.kinds()).toContain('stopped'))
    await new Promise((r) => setTimeout(r, 20))
    expect(s.kinds()).toEqual(['lines', 'lines', 'stopped'])
    expect(s.texts()).toEqual(['on time', 'last words'])
    expect(f.dials).toHaveLength(1)
  })

  it('sends nothing more and opens no stream once closed from inside a message', async () => {
    const f = fakeLogEngine()
    f.run('web', ['a'])
    const s = open(f, { id: 'web' }, { onMessage: (m, close) => m.kind === 'lifecycle' && close() })
    await vi.waitFor(() => expect(s.texts()).toEqual(['a']))
    f.setClock(f.clock + 1000)
    // Restarted before the source looks: it says stopped, and the subscriber leaves right there.
    f.stop('web')
    f.start('web')
    await vi.waitFor(() => expect(s.kinds()).toContain('stopped'))
    await new Promise((r) => setTimeout(r, 20))
    expect(s.kinds()).toEqual(['lines', 'stopped'])
    expect(f.dials).toHaveLength(1)
    expect(openEngineStreams('logs')).toBe(0)
  })

  it('gives a subscriber who joins later what was sent so far', async () => {
    const f = fakeLogEngine()
    f.run('web', ['a', 'b'])
    const s = open(f, { id: 'web' })
    await vi.waitFor(() => expect(s.texts()).toEqual(['a', 'b']))
    f.stop('web')
    await vi.waitFor(() => expect(s.kinds()).toContain('stopped'))
    expect(s.source.replay!()).toEqual(s.messages)
  })
})
