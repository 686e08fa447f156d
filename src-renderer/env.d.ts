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
    invoke(channel: string, params: unknown): Promise<BerthBridgeOutcome>
    subscribe(topic: string, params: unknown, onMessage: (data: unknown) => void, onEnd: (error: unknown) => void): Promise<BerthBridgeOutcome<() => Promise<void>>>
  }
}
