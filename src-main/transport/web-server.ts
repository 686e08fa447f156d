import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CONTENT_SECURITY_POLICY } from './csp'
import type { BrowserHost } from './browser-host'
import { DOWNLOAD_PATH, sendDownload, type Downloads } from './downloads'
import { refuse } from './http-reply'
import { Router, type Routes } from './router'
import { StaticFiles } from './static-files'
import { UPLOAD_PATH, receiveUpload } from './uploads'
import { WsCarrier } from './ws'

const TOKEN_COOKIE = 'berth_token'
export interface WebServerOptions {
  /** Services on browser mode's host (browserHost()): the download and upload links it hands out are served here. */
  services: Routes & { readonly host: BrowserHost }
  rendererDir: string
  port?: number
  token?: string
}

export interface WebServer {
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
 * WebSocket. Every request must carry the token (query once, then an HttpOnly cookie), and
 * the socket must come from our own Origin, so other local pages and sites cannot drive it.
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
    const queryToken = url.searchParams.get('token')
    if (queryToken !== null) {
      if (!tokensEqual(queryToken, token)) return refuse(res, 403, 'invalid token')
      // Trade the token in the URL for a cookie, so it leaves the address bar and history.
      res.writeHead(302, {
        'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
        'Cache-Control': 'no-store',
      })
      return res.end()
    }
    if (!tokensEqual(cookieToken(req) ?? '', token)) return refuse(res, 403, 'This Berth server needs the link with its token. Open the URL Berth printed when it started.')
    if (url.pathname.startsWith(DOWNLOAD_PATH)) {
      if (req.method !== 'GET') return refuse(res, 405, 'method not allowed')
      const file = downloads.take(url.pathname.slice(DOWNLOAD_PATH.length))
      if (!file) return refuse(res, 410, 'This download link was used already or has expired. Export again.')
      return sendDownload(file, res, { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'Referrer-Policy': 'no-referrer' })
    }
    if (url.pathname.startsWith(UPLOAD_PATH)) {
      if (req.method !== 'POST') return refuse(res, 405, 'method not allowed')
      // Same-origin only: a form on another site could otherwise post with the cookie.
      if (req.headers.origin !== origin && req.headers.origin !== `http://${req.headers.host}`) return refuse(res, 403, 'wrong origin')
      const offer = uploads.take(url.pathname.slice(UPLOAD_PATH.length))
      if (!offer) return refuse(res, 410, 'This upload link was used already or has expired. Upload again.')
      return void receiveUpload(offer, req, res, { 'Referrer-Policy': 'no-referrer' })
    }
    files.serve(url.pathname, res)
  })

  server.on('upgrade', (req, socket, head) => {
    const url = parseUrl(req, origin)
    const presented = url?.searchParams.get('token') ?? cookieToken(req) ?? ''
    // The page's own origin: the loopback name it was opened on (127.0.0.1 or localhost).
    const okOrigin = req.headers.origin === `http://${req.headers.host}`
    if (url?.pathname !== '/ws' || !okOrigin || !hostAllowed(req, origin) || !tokensEqual(presented, token)) {
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
    url: `${origin}/?token=${token}`,
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

function cookieToken(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=')
    if (k === TOKEN_COOKIE && v) return v
  }
  return null
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
