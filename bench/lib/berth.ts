import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Services } from '../../src-main/services'
import { browserHost, type BrowserHost } from '../../src-main/transport/browser-host'
import { startWebServer, type WebServer } from '../../src-main/transport/web-server'
import { engineUrl } from './engine'

export const RENDERER_DIR = resolve(__dirname, '../../out/renderer')

/** Main's services and the browser-mode server in this process, with a throwaway config dir. */
export async function startBerth(): Promise<{ services: Services<BrowserHost>; server: WebServer; close(): Promise<void> }> {
  const configDir = mkdtempSync(join(tmpdir(), 'berth-bench-config-'))
  const services = new Services({ host: browserHost(), configDir, engineUrl: engineUrl() })
  await services.start()
  if (services.connection.getStatus().state !== 'connected') throw new Error(`Berth did not connect to ${engineUrl()}`)
  const server = await startWebServer({ services, rendererDir: RENDERER_DIR, port: 0 })
  return {
    services,
    server,
    async close() {
      await server.close()
      services.dispose()
      rmSync(configDir, { recursive: true, force: true })
    },
  }
}
