/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

interface BerthBridgeOutcome<T = unknown> {
  ok: boolean
  value?: T
  error?: unknown
}

/** What the Electron preload exposes; absent in browser mode. */
interface Window {
  berth?: {
    /** `id` names the request for `cancel`; main answers a cancelled one CANCELLED. */
    invoke(channel: string, params: unknown, id?: number): Promise<BerthBridgeOutcome>
    cancel(id: number): void
    subscribe(topic: string, params: unknown, onMessage: (data: unknown) => void, onEnd: (error: unknown) => void): Promise<BerthBridgeOutcome<() => Promise<void>>>
  }
}
