import type { BerthErrorShape } from './contract/errors'

// The wire format shared by the WebSocket carrier (browser mode). Electron's IPC carries
// the same calls through ipcRenderer.invoke and webContents.send.
export type ClientFrame =
  | { kind: 'invoke'; id: number; channel: string; params: unknown }
  | { kind: 'subscribe'; id: number; topic: string; params: unknown }
  | { kind: 'unsubscribe'; sub: string }
  /** The page no longer waits for request `id`: main aborts it and answers CANCELLED. */
  | { kind: 'cancel'; id: number }

export type ServerFrame =
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number; ok: false; error: BerthErrorShape }
  | { kind: 'message'; sub: string; data: unknown }
  | { kind: 'end'; sub: string; error?: BerthErrorShape }
  /** Sent once before main closes a socket it will not serve (too many open): why, for the page to show. */
  | { kind: 'refused'; error: BerthErrorShape }

/** Largest frame either side accepts; bigger payloads are refused as INVALID_INPUT. */
export const MAX_FRAME_BYTES = 1024 * 1024
