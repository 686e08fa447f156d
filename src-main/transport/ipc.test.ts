import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ClientSession, Router, StreamSink } from './router'

// Electron's main-process IPC, as far as attachIpc uses it.
const ipc = vi.hoisted(() => ({ handlers: new Map<string, (...a: unknown[]) => unknown>(), listeners: new Map<string, (...a: unknown[]) => void>() }))
vi.mock('electron', () => ({
  ipcMain: {
    handle: (ch: string, fn: (...a: unknown[]) => unknown) => ipc.handlers.set(ch, fn),
    removeHandler: (ch: string) => ipc.handlers.delete(ch),
    on: (ch: string, fn: (...a: unknown[]) => void) => ipc.listeners.set(ch, fn),
    removeListener: (ch: string) => ipc.listeners.delete(ch),
  },
}))

const { attachIpc } = await import('./ipc')
const { ACK_WINDOW_MESSAGES } = await import('./ack-window')
const { APP_ENTRY_URL, trustedOrigins } = await import('./app-origin')

function fakeWindow(url = APP_ENTRY_URL) {
  const wc = Object.assign(new EventEmitter(), { mainFrame: { url }, sent: [] as unknown[][], isDestroyed: () => false, send: (...a: unknown[]) => wc.sent.push(a) })
  return { webContents: wc }
}

describe('attachIpc sender check', () => {
  const calls: unknown[] = []
  const router = {
    invokeFor: (_s: unknown, _id: unknown, channel: unknown) => (calls.push(channel), { ok: true, value: 'answered' }),
    subscribe: (_s: unknown, topic: unknown) => (calls.push(topic), { ok: true, value: 's1' }),
    unsubscribe: (_s: unknown, sub: unknown) => void calls.push(sub),
    closeSession: () => undefined,
  } as unknown as Router

  beforeEach(() => {
    ipc.handlers.clear()
    ipc.listeners.clear()
    calls.length = 0
  })

  const ask = (event: object) => [
    ipc.handlers.get('berth:invoke')!(event, 'system:info', {}),
    ipc.handlers.get('berth:subscribe')!(event, 'events:stream', {}),
    ipc.handlers.get('berth:unsubscribe')!(event, 's1'),
  ]

  it('answers our window main frame showing app://berth/index.html', () => {
    const win = fakeWindow()
    attachIpc(router, win as never, trustedOrigins(undefined))
    const [invoked, subscribed] = ask({ sender: win.webContents, senderFrame: win.webContents.mainFrame })
    expect(invoked).toEqual({ ok: true, value: 'answered' })
    expect(subscribed).toMatchObject({ ok: true })
    expect(calls).toEqual(['system:info', 'events:stream', 's1'])
  })

  it('refuses every message from a dropped file:// page or another origin in our main frame', () => {
    for (const url of ['file:///home/me/Downloads/dropped.html', 'file:///tmp/picture.svg', 'https://example.com/']) {
      const win = fakeWindow(url)
      attachIpc(router, win as never, trustedOrigins(undefined))
      for (const answer of ask({ sender: win.webContents, senderFrame: win.webContents.mainFrame }).slice(0, 2)) {
        expect(answer, url).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
      }
    }
    expect(calls).toEqual([])
  })

  it('refuses a subframe, even one on our own origin', () => {
    const win = fakeWindow()
    attachIpc(router, win as never, trustedOrigins(undefined))
    const [invoked, subscribed] = ask({ sender: win.webContents, senderFrame: { url: APP_ENTRY_URL } })
    expect(invoked).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(subscribed).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })
    expect(calls).toEqual([])
  })
})

describe('attachIpc cancel', () => {
  it('aborts the request the page names in berth:cancel, and only for our window’s main frame', () => {
    ipc.handlers.clear()
    ipc.listeners.clear()
    const signals = new Map<unknown, AbortSignal | undefined>()
    const router = {
      invokeFor: (session: ClientSession, id: unknown) => {
        signals.set(id, session.inFlight.start(id).signal)
        return new Promise(() => undefined)
      },
      closeSession: (session: ClientSession) => session.inFlight.cancelAll(),
    } as unknown as Router
    const win = fakeWindow()
    attachIpc(router, win as never, trustedOrigins(undefined))
    const ours = { sender: win.webContents, senderFrame: win.webContents.mainFrame }
    void ipc.handlers.get('berth:invoke')!(ours, 'containers:list', {}, 1)
    void ipc.handlers.get('berth:invoke')!(ours, 'containers:list', {}, 2)
    ipc.listeners.get('berth:cancel')!({ sender: win.webContents, senderFrame: { url: APP_ENTRY_URL } }, 1)
    expect(signals.get(1)?.aborted).toBe(false)
    ipc.listeners.get('berth:cancel')!(ours, 1)
    expect(signals.get(1)?.aborted).toBe(true)
    expect(signals.get(2)?.aborted).toBe(false)
    win.webContents.emit('destroyed')
    expect(signals.get(2)?.aborted).toBe(true)
  })
})

describe('attachIpc flow control', () => {
  let sink: StreamSink
  let win: ReturnType<typeof fakeWindow>
  const router = {
    subscribe: (_s: unknown, _t: unknown, _p: unknown, s: StreamSink) => {
      sink = s
      return { ok: true, value: 's1' }
    },
    closeSession: () => undefined,
  } as unknown as Router

  beforeEach(() => {
    ipc.handlers.clear()
    ipc.listeners.clear()
    win = fakeWindow()
    attachIpc(router, win as never, trustedOrigins(undefined))
    const ours = { sender: win.webContents, senderFrame: win.webContents.mainFrame }
    ipc.handlers.get('berth:subscribe')!(ours, 'logs:lines', {})
  })

  const ack = (event: object) => ipc.listeners.get('berth:ack')!(event)

  it('holds a stream back while the renderer has not acknowledged its messages, and lets it go on as acks come', () => {
    const ours = { sender: win.webContents, senderFrame: win.webContents.mainFrame }
    for (let i = 0; i <= ACK_WINDOW_MESSAGES; i++) sink.message('s1', { kind: 'lines', lines: [] })
    expect(win.webContents.sent).toHaveLength(ACK_WINDOW_MESSAGES + 1)
    expect(sink.congested!()).toBe(true)
    let resumed = false
    sink.whenClear!(() => (resumed = true))
    // An acknowledgement from anything but our window's main frame counts for nothing.
    for (let i = 0; i < ACK_WINDOW_MESSAGES; i++) ack({ sender: {}, senderFrame: {} })
    expect(resumed).toBe(false)
    for (let i = 0; i < ACK_WINDOW_MESSAGES / 2 + 1; i++) ack(ours)
    expect(resumed).toBe(true)
    expect(sink.congested!()).toBe(false)
  })

  it('forgets the unacknowledged messages of a renderer that navigated away', () => {
    for (let i = 0; i <= ACK_WINDOW_MESSAGES; i++) sink.message('s1', {})
    expect(sink.congested!()).toBe(true)
    win.webContents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false })
    expect(sink.congested!()).toBe(false)
  })
})
