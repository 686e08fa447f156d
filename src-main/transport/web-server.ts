import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { browserLink } from '../../src-shared/browser-link'
import { CONTENT_SECURITY_POLICY } from './csp'
import type { BrowserHost } from './browser-host'
import { DOWNLOAD_PATH, sendDownload, type Downloads } from './downloads'
import { refuse } from './http-reply'
import { Router, type Routes } from './router'
import { StaticFiles } from './static-files'
import { UPLOAD_PATH, receiveUpload } from './uploads'
import { WsCarrier } from './ws'

export interface WebServerOptions {
  /** Services on browser mode's host (browserHost()): the download and upload links it hands out are served here. */
  services: Routes & { readonly host: BrowserHost }
  rendererDir: string
  port?: number
  token?: string
}

export interface WebServer {
  /** The link to open: the token rides in its fragment (src-shared/browser-link.ts). */
  url: string
  origin: string
  token: string
  port: number
  carrier: WsCarrier
  downloads: Downloads
  close(): Promise<void>
}

/**
 * Browser mode: serves the built renderer on 127.0.0.1 and carries the contract over a
 * WebSocket. There is no cookie (cookies ignore the port: every other server on 127.0.0.1
 * would receive it). The token reaches the page in the link's fragment, which is never sent
 * to a server; the page presents it on the socket (`/ws?token=`) and on uploads (a Bearer
 * header). A download is a one-time ticket handed out over that socket. The app's own files
 * are the public build and need no token; nothing that reaches the engine goes without one.
 */
export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url')
  const router = new Router(opts.services)
  const { exports: downloads, uploads } = opts.services.host
  const carrier = new WsCarrier(router)
  const files = new StaticFiles(opts.rendererDir)
  let origin = ''

  const server: Server = createServer((req, res) => {
    if (!hostAllowed(req, origin)) return refuse(res, 421, 'wrong host')
    const url = parseUrl(req, origin)
    if (!url) return refuse(res, 400, 'bad request')
    if (url.pathname.startsWith(DOWNLOAD_PATH)) {
      if (req.method !== 'GET') return refuse(res, 405, 'method not allowed')
      // The link is the credential (a browser download cannot send a header): a random id,
      // for one use within 60 s, that only the token's socket was ever told.
      const file = downloads.take(url.pathname.slice(DOWNLOAD_PATH.length))
      if (!file) return refuse(res, 410, 'This download link was used already or has expired. Export again.')
      return sendDownload(file, res, { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'Referrer-Policy': 'no-referrer' })
    }
    if (url.pathname.startsWith(UPLOAD_PATH)) {
      if (req.method !== 'POST') return refuse(res, 405, 'method not allowed')
      if (req.headers.origin !== `http://${req.headers.host}`) return refuse(res, 403, 'wrong origin')
      // Checked before the link is looked at, so a wrong token cannot use up someone's upload.
      if (!tokensEqual(bearerToken(req), token)) return refuse(res, 403, 'This upload needs the token of the page that asked for it.')
      const offer = uploads.take(url.pathname.slice(UPLOAD_PATH.length))
      if (!offer) return refuse(res, 410, 'This upload link was used already or has expired. Upload again.')
      return void receiveUpload(offer, req, res, { 'Referrer-Policy': 'no-referrer' })
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed')
    files.serve(url.pathname, res)
  })

  server.on('upgrade', (req, socket, head) => {
    const url = parseUrl(req, origin)
    // The page's own origin: the loopback name it was opened on (127.0.0.1 or localhost).
    const okOrigin = req.headers.origin === `http://${req.headers.host}`
    if (url?.pathname !== '/ws' || !okOrigin || !hostAllowed(req, origin) || !tokensEqual(url.searchParams.get('token') ?? '', token)) {
      // An upgrading socket has no error listener of its own; a reset must not crash us.
      socket.on('error', () => socket.destroy())
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      return
    }
    carrier.upgrade(req, socket, head)
  })

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolveListen())
  })
  const port = (server.address() as AddressInfo).port
  origin = `http://127.0.0.1:${port}`
  return {
    url: browserLink(origin, token),
    origin,
    token,
    port,
    carrier,
    downloads,
    close: () =>
      new Promise<void>((done) => {
        carrier.close()
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}

function parseUrl(req: IncomingMessage, origin: string): URL | null {
  try {
    return new URL(req.url ?? '/', origin)
  } catch {
    return null
  }
}

function hostAllowed(req: IncomingMessage, origin: string): boolean {
  // Guards against DNS rebinding: only our own loopback host name is served.
  const host = req.headers.host ?? ''
  const port = origin.split(':').pop()
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`
}

function bearerToken(req: IncomingMessage): string {
  const m = /^Bearer ([\w-]+)$/.exec(req.headers.authorization ?? '')
  return m?.[1] ?? ''
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
