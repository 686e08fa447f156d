import { browserToken } from './browser-token'
import { ApiClient } from './client'
import { ipcCarrier } from './ipc-carrier'
import { wsCarrier } from './ws-carrier'

export { postUpload } from './upload'

let client: ApiClient | null = null

/** Electron when the preload bridge is there, browser mode otherwise. */
export function api(): ApiClient {
  client ??= new ApiClient(window.berth ? ipcCarrier(window.berth) : wsCarrier(socketUrl(browserToken() ?? '')))
  return client
}

/** Whether this page can reach main at all: Electron's bridge, or browser mode's token. */
export function canReachMain(): boolean {
  return Boolean(window.berth) || browserToken() !== null
}

function socketUrl(token: string): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?token=${encodeURIComponent(token)}`
}
