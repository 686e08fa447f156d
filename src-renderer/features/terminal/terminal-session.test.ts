import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import type { ExecMessage } from '../../../src-shared/contract'
import { main, resetMain } from '../../shared/testing/scripted-subscriptions'

// One terminal session against a scripted main: what it subscribes to, what it sends, and
// that its subscription closes when its owner goes.
vi.mock('../../api', async () => (await import('../../shared/testing/scripted-subscriptions')).scriptedApi)

const { useTerminalSession } = await import('./terminal-session')

beforeEach(() => void (main.topic = 'exec:session'))
afterEach(resetMain)

const send = (sub: number, m: ExecMessage) => main.open.get(sub)?.onMessage(m)
const settle = () => new Promise((r) => setTimeout(r, 0))
const inputs = () => main.calls.filter((c) => c.channel === 'exec:input').map((c) => c.params)

function start() {
  const written: string[] = []
  const scope = effectScope()
  const session = scope.run(() => useTerminalSession((d) => written.push(d)))!
  return { scope, session, written }
}

describe('useTerminalSession', () => {
  it('subscribes with the options and size, writes output, and unsubscribes when its owner goes', async () => {
    const { scope, session, written } = start()
    await session.open({ id: 'c1', mode: 'exec', user: 'app', cols: 100, rows: 30 })
    expect(main.open.get(1)?.params).toEqual({ id: 'c1', mode: 'exec', user: 'app', cols: 100, rows: 30 })
    send(1, { kind: 'started', sessionId: 's1', command: ['/bin/sh'] })
    send(1, { kind: 'output', data: '안녕 ' })
    send(1, { kind: 'output', data: 'world' })
    expect(session.state.value).toBe('open')
    expect(session.command.value).toEqual(['/bin/sh'])
    expect(written).toEqual(['안녕 ', 'world'])
    scope.stop()
    expect(main.open.size).toBe(0)
  })

  it('holds keystrokes typed before main answered and sends them, in order, with the session id', async () => {
    const { session } = start()
    const opening = session.open({ id: 'c1', mode: 'exec', cols: 80, rows: 24 })
    session.input('l')
    session.input('s')
    await opening
    session.input('\r')
    expect(inputs()).toEqual([])
    send(1, { kind: 'started', sessionId: 's1', command: ['/bin/sh'] })
    session.input(' -la')
    await settle()
    await settle()
    expect(inputs()).toEqual([
      { sessionId: 's1', data: 'ls\r' },
      { sessionId: 's1', data: ' -la' },
    ])
  })

  it('sends a long paste in pieces without splitting a character made of two UTF-16 units', async () => {
    const { session } = start()
    await session.open({ id: 'c1', mode: 'exec', cols: 80, rows: 24 })
    send(1, { kind: 'started', sessionId: 's1', command: ['/bin/sh'] })
    const paste = 'a'.repeat(16 * 1024 - 1) + '😀' + 'b'.repeat(10)
    session.input(paste)
    for (let i = 0; i < 5; i++) await settle()
    const pieces = inputs().map((p) => p.data as string)
    expect(pieces.length).toBe(2)
    expect(pieces.join('')).toBe(paste)
    expect(pieces[1]!.startsWith('😀')).toBe(true)
  })

  it('resizes by session id, and not before the session started', async () => {
    const { session } = start()
    await session.open({ id: 'c1', mode: 'exec', cols: 80, rows: 24 })
    session.resize(90, 20)
    send(1, { kind: 'started', sessionId: 's1', command: ['/bin/sh'] })
    session.resize(100, 30)
    expect(main.calls.filter((c) => c.channel === 'exec:resize').map((c) => c.params)).toEqual([{ sessionId: 's1', cols: 100, rows: 30 }])
  })

  it('records why the session ended and stops sending input; a refusal becomes an error state', async () => {
    const { session } = start()
    await session.open({ id: 'c1', mode: 'exec', cols: 80, rows: 24 })
    send(1, { kind: 'started', sessionId: 's1', command: ['/bin/sh'] })
    send(1, { kind: 'ended', reason: 'container-stopped', exitCode: null })
    main.open.get(1)?.onEnd()
    expect(session.state.value).toBe('ended')
    expect(session.ended.value).toEqual({ reason: 'container-stopped', exitCode: null })
    session.input('x')
    await settle()
    expect(inputs()).toEqual([])

    await session.open({ id: 'c2', mode: 'exec', cols: 80, rows: 24 })
    main.open.get(2)?.onEnd({ code: 'CONFLICT', message: 'not running', details: { reason: 'terminal_container_stopped' } })
    expect(session.state.value).toBe('failed')
    expect(session.error.value).toMatchObject({ code: 'CONFLICT' })
  })

  it('reconnecting drops the old subscription and ignores its late messages', async () => {
    const { session, written } = start()
    await session.open({ id: 'c1', mode: 'exec', cols: 80, rows: 24 })
    const old = main.open.get(1)!
    await session.open({ id: 'c1', mode: 'exec', cols: 80, rows: 24 })
    expect([...main.open.keys()]).toEqual([2])
    old.onMessage({ kind: 'output', data: 'late' })
    expect(written).toEqual([])
    expect(session.state.value).toBe('connecting')
  })
})
