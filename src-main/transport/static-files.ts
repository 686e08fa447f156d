import { createReadStream, realpathSync, statSync, type Stats } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { join, resolve, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from './csp'
import { refuse } from './http-reply'
import { mimeType } from './mime'

/**
 * Browser mode's built renderer, served from one folder. A path is resolved (symlinks
 * included) before anything is read: whatever lies outside the folder, however it is named
 * (`..`, an encoded `..`, a symlink inside the folder), is refused. Client-side routes fall
 * back to the app shell.
 */
export class StaticFiles {
  private readonly root: string

  constructor(rendererDir: string) {
    this.root = realpathSync(resolve(rendererDir))
  }

  serve(pathname: string, res: ServerResponse): void {
    let rel: string
    try {
      rel = decodeURIComponent(pathname)
    } catch {
      return refuse(res, 400, 'bad path')
    }
    if (rel.includes('\0')) return refuse(res, 400, 'bad path')
    const asked = resolve(join(this.root, rel))
    if (!this.inside(asked)) return refuse(res, 403, 'forbidden')
    let found = this.regularFile(asked)
    if (found === 'outside') return refuse(res, 403, 'forbidden')
    // Only regular files are served: a socket or device in the folder would fail to open mid-response.
    if (found === null) found = this.regularFile(join(this.root, 'index.html'))
    if (found === 'outside') return refuse(res, 403, 'forbidden')
    if (found === null) return refuse(res, 404, 'not found')
    const { file, stat } = found
    res.writeHead(200, {
      'Content-Type': mimeType(file),
      'Content-Length': stat.size,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cache-Control': file.endsWith(`${sep}index.html`) ? 'no-store' : 'max-age=3600',
    })
    // The resolved path is what is opened, so what was checked is what is read.
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res)
  }

  private inside(file: string): boolean {
    return file === this.root || file.startsWith(this.root + sep)
  }

  /** The real file behind a path: null when there is no regular file, 'outside' when it resolves out of the folder. */
  private regularFile(path: string): { file: string; stat: Stats } | 'outside' | null {
    let file: string
    try {
      file = realpathSync(path)
    } catch {
      return null
    }
    if (!this.inside(file)) return 'outside'
    try {
      const stat = statSync(file)
      return stat.isFile() ? { file, stat } : null
    } catch {
      return null
    }
  }
}
