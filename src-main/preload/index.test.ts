import { describe, expect, it, vi } from 'vitest'

// Electron's renderer-side IPC and contextBridge, as far as the preload uses them.
const electron = vi.hoisted(() => ({
  on: new Map<string, (event: unknown, ...a: unknown[]) => void>(),
  sent: [] as unknown[][],
  exposed: {} as Record<string, unknown>,
}))
vi.mock('electron', () => ({
  ipcRenderer: {
    on: (ch: string, fn: (event: unknown, ...a: unknown[]) => void) => electron.on.set(ch, fn),
    send: (...a: unknown[]) => electron.sent.push(a),
    invoke: async (ch: string) => (ch === 'berth:subscribe' ? { ok: true, value: 's1' } : undefined),
  },
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (electron.exposed[key] = api) },
}))

await import('./index')

type Berth = { subscribe(topic: string, params: unknown, onMessage: (d: unknown) => void, onEnd: (e: unknown) => void): Promise<unknown> }

describe('preload', () => {
  it('acknowledges every message once its handler ran, even when the handler throws or nobody listens', async () => {
    const berth = electron.exposed.berth as Berth
    const got: unknown[] = []
    await berth.subscribe(
      'logs:lines',
      {},
      (d) => {
        got.push(d)
        if (d === 'bad') throw new Error('handler failed')
      },
      () => undefined,
    )
    const deliver = electron.on.get('berth:message')!
    deliver({}, 's1', 'one')
    expect(got).toEqual(['one'])
    expect(electron.sent).toEqual([['berth:ack']])
    expect(() => deliver({}, 's1', 'bad')).toThrow('handler failed')
    deliver({}, 'gone', 'for an unsubscribed stream')
    expect(electron.sent).toEqual([['berth:ack'], ['berth:ack'], ['berth:ack']])
  })
})
