import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import type { LogLine, LogMessage } from '../../../src-shared/contract'
import { main, resetMain } from '../../shared/testing/scripted-subscriptions'

// The log session against a scripted main: what it subscribes to, what it does with the
// messages, and that every subscription it opened is closed when its owner goes.
vi.mock('../../api', async () => (await import('../../shared/testing/scripted-subscriptions')).scriptedApi)

const { useLogSession } = await import('./log-session')

// Older pages of each container's log, as logs:read answers them; every read, in order.
const pages = new Map<string, unknown[]>()
const reads = () => main.calls.filter((c) => c.channel === 'logs:read').map((c) => c.params)

beforeEach(() => {
  main.topic = 'logs:lines'
  main.answer = (channel, params) => {
    if (channel !== 'logs:read') throw new Error(`unexpected ${channel}`)
    return pages.get(String(params.id)) ?? []
  }
  vi.stubGlobal('requestAnimationFrame', (cb: () => void) => setTimeout(cb, 0))
  vi.stubGlobal('cancelAnimationFrame', (h: ReturnType<typeof setTimeout>) => clearTimeout(h))
})
afterEach(() => {
  resetMain()
  pages.clear()
})

const line = (s: number, text: string, stream: LogLine['stream'] = 'stdout'): LogLine => ({
  time: `2026-11-23T10:00:${String(s).padStart(2, '0')}Z`,
  ms: Date.UTC(2026, 10, 23, 10, 0, s),
  stream,
  text,
})
const send = (sub: number, m: LogMessage) => main.open.get(sub)?.onMessage(m)
const texts = (s: ReturnType<typeof useLogSession>) => Array.from({ length: s.buffer.size }, (_, i) => s.buffer.at(i)).map((e) => (e?.kind === 'line' ? e.text : `[${e?.event}]`))
const wait = (ms = 5) => new Promise((r) => setTimeout(r, ms))

function start(sources = [{ id: 'c1', name: 'web' }]) {
  const scope = effectScope()
  const session = scope.run(() => useLogSession(sources, 100))
  if (!session) throw new Error('no session')
  return { scope, session }
}

describe('useLogSession', () => {
  it('subscribes per container with the range, and closes every subscription when its owner goes', async () => {
    const { scope, session } = start([
      { id: 'c1', name: 'web' },
      { id: 'c2', name: 'db' },
    ])
    await session.open()
    expect([...main.open.values()].map((s) => s.params)).toEqual([
      { id: 'c1', tail: 1000, since: undefined, until: undefined, stdout: true, stderr: true, follow: true },
      { id: 'c2', tail: 1000, since: undefined, until: undefined, stdout: true, stderr: true, follow: true },
    ])
    scope.stop()
    expect(main.open.size).toBe(0)
  })

  it('puts lines in the buffer, marks restarts, notes a stop, and is done when the stream ends', async () => {
    const { scope, session } = start()
    await session.open()
    send(1, { kind: 'lines', lines: [line(1, '\x1b[31mred\x1b[0m'), line(2, 'two', 'stderr')] })
    send(1, { kind: 'lifecycle', event: 'stopped', time: line(3, '').time })
    expect(session.stopped.value).toBe(true)
    send(1, { kind: 'lifecycle', event: 'restarted', time: line(4, '').time })
    send(1, { kind: 'lines', lines: [line(5, 'again')] })
    expect(session.stopped.value).toBe(false)
    expect(texts(session)).toEqual(['\x1b[31mred\x1b[0m', 'two', '[stopped]', '[restarted]', 'again'])
    expect(session.buffer.at(0)).toMatchObject({ plain: 'red', source: 0 })
    await wait()
    expect(session.version.value).toBe(session.buffer.version)
    send(1, { kind: 'done', reason: 'removed' })
    expect(session.state.value).toBe('done')
    expect(session.removed.value).toBe(true)
    scope.stop()
  })

  it('opening a new range closes the old stream and ignores what it still sends', async () => {
    const { scope, session } = start()
    await session.open()
    const old = main.open.get(1)
    send(1, { kind: 'lines', lines: [line(1, 'old')] })
    await session.open({ tail: 'all', since: '15m' })
    expect(main.open.has(1)).toBe(false)
    expect(main.open.get(2)?.params).toMatchObject({ tail: 'all', since: '15m', follow: true })
    old?.onMessage({ kind: 'lines', lines: [line(2, 'late')] })
    expect(texts(session)).toEqual([])
    expect(session.hasOlder.value).toBe(false)
    scope.stop()
  })

  it('merges several containers in time order', async () => {
    const { scope, session } = start([
      { id: 'c1', name: 'web' },
      { id: 'c2', name: 'db' },
    ])
    await session.open()
    send(1, { kind: 'lines', lines: [line(1, 'web 1'), line(4, 'web 4')] })
    send(2, { kind: 'lines', lines: [line(2, 'db 2'), line(5, 'db 5')] })
    expect(texts(session)).toEqual(['web 1', 'db 2', 'web 4'])
    send(1, { kind: 'done', reason: 'complete' })
    expect(texts(session)).toEqual(['web 1', 'db 2', 'web 4', 'db 5'])
    scope.stop()
  })

  it('loads the page before the oldest line, without repeating lines at that same time', async () => {
    const { scope, session } = start()
    await session.open({ tail: 2 })
    send(1, { kind: 'lines', lines: [line(3, 'three')] })
    // Fewer lines than the tail: there is nothing older.
    expect(session.canLoadOlder.value).toBe(false)
    send(1, { kind: 'lines', lines: [line(4, 'four')] })
    expect(session.canLoadOlder.value).toBe(true)
    pages.set('c1', [line(1, 'one'), line(2, 'two'), line(3, 'three')])
    await session.loadOlder()
    expect(reads()).toEqual([{ id: 'c1', until: line(3, '').time, since: undefined, stdout: true, stderr: true, tail: 1000 }])
    expect(texts(session)).toEqual(['one', 'two', 'three', 'four'])
    expect(session.buffer.firstId).toBe(-2)
    // Fewer than a page came back: that was the start of the log.
    expect(session.hasOlder.value).toBe(false)
    scope.stop()
  })
})
