import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Router, StreamSink } from './router'

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

function fakeWindow() {
  const wc = Object.assign(new EventEmitter(), { mainFrame: {}, sent: [] as unknown[][], isDestroyed: () => false, send: (...a: unknown[]) => wc.sent.push(a) })
  return { webContents: wc }
}

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
    attachIpc(router, win as never)
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
