import { contextBridge, ipcRenderer } from 'electron'

// The renderer gets exactly these functions. Everything else stays in main.
type Listener = { onMessage: (data: unknown) => void; onEnd: (error: unknown) => void }
const listeners = new Map<string, Listener>()

// Every message is acknowledged once handled: main holds a fast stream back while too many wait.
ipcRenderer.on('berth:message', (_event, sub: string, data: unknown) => {
  try {
    listeners.get(sub)?.onMessage(data)
  } finally {
    ipcRenderer.send('berth:ack')
  }
})
ipcRenderer.on('berth:end', (_event, sub: string, error: unknown) => {
  const l = listeners.get(sub)
  listeners.delete(sub)
  l?.onEnd(error)
})

contextBridge.exposeInMainWorld('berth', {
  invoke: (channel: string, params: unknown, id?: number) => ipcRenderer.invoke('berth:invoke', channel, params, id),
  cancel: (id: number) => ipcRenderer.send('berth:cancel', id),
  subscribe: async (topic: string, params: unknown, onMessage: (data: unknown) => void, onEnd: (error: unknown) => void) => {
    const outcome = (await ipcRenderer.invoke('berth:subscribe', topic, params)) as { ok: boolean; value?: string; error?: unknown }
    if (!outcome.ok || typeof outcome.value !== 'string') return outcome
    const sub = outcome.value
    listeners.set(sub, { onMessage, onEnd })
    const unsubscribe = () => {
      listeners.delete(sub)
      return ipcRenderer.invoke('berth:unsubscribe', sub)
    }
    return { ok: true, value: unsubscribe }
  },
})
