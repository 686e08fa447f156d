import { ApiClient } from './client'
import { ipcCarrier } from './ipc-carrier'
import { wsCarrier } from './ws-carrier'

let client: ApiClient | null = null

/** Electron when the preload bridge is there, browser mode otherwise. */
export function api(): ApiClient {
  client ??= new ApiClient(window.berth ? ipcCarrier(window.berth) : wsCarrier())
  return client
}
