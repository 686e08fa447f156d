import { readFile, realpath, stat } from 'node:fs'
import { join, sep } from 'node:path'
import { promisify } from 'node:util'
import { APP_ORIGIN } from './app-origin'
import { CONTENT_SECURITY_POLICY } from './csp'
import { mimeType } from './mime'

// The callback forms: Electron's asar support patches them (the renderer sits inside app.asar when packaged).
const realpathOf = promisify(realpath)
const statOf = promisify(stat)
const readBytes = promisify(readFile)

type AppFile = { kind: 'file'; path: string } | { kind: 'refused'; status: 400 | 403 | 404 | 405 }

const inside = (root: string, path: string) => path === root || path.startsWith(root + sep)

/**
 * Which file of the renderer folder an app://berth/ URL names. `root` must already be a real path.
 * Refused: another host, a malformed or NUL-bearing path, and anything that resolves outside the
 * folder, whether by `..` (encoded or not) or by a symlink; only regular files are served.
 */
export async function resolveAppFile(root: string, url: string): Promise<AppFile> {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return { kind: 'refused', status: 400 }
  }
  if (`${u.protocol}//${u.host}` !== APP_ORIGIN) return { kind: 'refused', status: 404 }
  let rel: string
  try {
    rel = decodeURIComponent(u.pathname)
  } catch {
    return { kind: 'refused', status: 400 }
  }
  if (rel.includes('\0')) return { kind: 'refused', status: 400 }
  // The URL parser has removed literal and %2e dot segments; an encoded slash (..%2f) only
  // becomes one here, so the joined path is checked, then checked again once symlinks are resolved.
  const path = join(root, rel === '/' ? 'index.html' : rel)
  if (!inside(root, path)) return { kind: 'refused', status: 403 }
  let real: string
  try {
    real = await realpathOf(path)
  } catch {
    return { kind: 'refused', status: 404 }
  }
  if (!inside(root, real)) return { kind: 'refused', status: 403 }
  const st = await statOf(real).catch(() => null)
  return st?.isFile() ? { kind: 'file', path: real } : { kind: 'refused', status: 404 }
}

/** Answers one app:// request from the built renderer in `rendererDir`, with our CSP on every page. */
export function appFileServer(rendererDir: string): (url: string, method: string) => Promise<Response> {
  let root: Promise<string> | null = null
  return async (url, method) => {
    if (method !== 'GET' && method !== 'HEAD') return refusal(405)
    root ??= realpathOf(rendererDir)
    const realRoot = await root.catch(() => null)
    if (realRoot === null) return refusal(404)
    const file = await resolveAppFile(realRoot, url)
    if (file.kind === 'refused') return refusal(file.status)
    let body: Buffer
    try {
      body = await readBytes(file.path)
    } catch {
      return refusal(404)
    }
    return new Response(method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': mimeType(file.path),
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      },
    })
  }
}

function refusal(status: number): Response {
  return new Response(null, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}
