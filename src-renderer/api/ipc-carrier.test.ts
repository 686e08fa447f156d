import { describe, expect, it } from 'vitest'
import { ipcCarrier } from './ipc-carrier'

describe('ipcCarrier', () => {
  it('names each request, and a cancelled one’s name goes to the bridge’s cancel', async () => {
    const cancelled: number[] = []
    const answers = new Map<number, (o: unknown) => void>()
    const bridge = {
      invoke: (_c: string, _p: unknown, id?: number) => new Promise((resolve) => answers.set(id!, resolve)),
      cancel: (id: number) => {
        cancelled.push(id)
        answers.get(id)?.({ ok: false, error: { code: 'CANCELLED', message: 'The request was cancelled.' } })
      },
      subscribe: async () => ({ ok: false }),
    } as unknown as NonNullable<Window['berth']>
    const carrier = ipcCarrier(bridge)
    const controller = new AbortController()
    const first = carrier.invoke('containers:list', {})
    const second = carrier.invoke('images:list', {}, controller.signal)
    controller.abort()
    expect(await second).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(cancelled).toEqual([2])
    answers.get(1)!({ ok: true, value: [] })
    expect(await first).toEqual({ ok: true, value: [] })
  })

  it('answers CANCELLED without asking main when the signal aborted before the call', async () => {
    const bridge = { invoke: () => Promise.reject(new Error('must not be called')) } as unknown as NonNullable<Window['berth']>
    const controller = new AbortController()
    controller.abort()
    expect(await ipcCarrier(bridge).invoke('containers:list', {}, controller.signal)).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
  })
})
