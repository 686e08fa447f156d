import { protocol } from 'electron'
import { appFileServer } from '../transport/app-files'
import { APP_SCHEME } from '../transport/app-origin'

/**
 * Before app ready: app:// behaves like https for the page (standard URLs, a secure context,
 * fetch), so the renderer needs no file:// privileges. CORS stays off: no other origin may read it.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])
}

/** After app ready: app://berth/ serves the built renderer in `rendererDir` and nothing else. */
export function serveAppScheme(rendererDir: string): void {
  const serve = appFileServer(rendererDir)
  protocol.handle(APP_SCHEME, (request) => serve(request.url, request.method))
}
