import type { IncomingMessage } from 'node:http'
import type Docker from 'dockerode'
import type { ShellProbe } from '../../../src-shared/contract/exec'

/** Where shells live, best first: bash for its line editing, then POSIX sh, then busybox's ash. */
const SHELL_CANDIDATES = ['/bin/bash', '/usr/bin/bash', '/bin/sh', '/usr/bin/sh', '/bin/ash'] as const

/** Go's os.FileMode bits the engine puts in a path stat. */
const MODE_DIR = 2 ** 31
const MODE_SYMLINK = 2 ** 27

interface PathStat {
  name: string
  mode: number
  linkTarget: string
}

/** Decodes the `X-Docker-Container-Path-Stat` header (base64 JSON); null when absent or unreadable. */
export function parsePathStat(header: string | string[] | undefined): PathStat | null {
  if (typeof header !== 'string' || header === '') return null
  try {
    const v = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as Partial<PathStat>
    if (typeof v.mode !== 'number') return null
    return { name: String(v.name ?? ''), mode: v.mode, linkTarget: String(v.linkTarget ?? '') }
  } catch {
    return null
  }
}

/** Resolves a symlink's target against the link's directory (targets may be relative: `sh -> busybox`). */
export function resolveLink(path: string, target: string): string {
  if (target.startsWith('/')) return target
  const parts = path.split('/').slice(0, -1)
  for (const p of target.split('/')) {
    if (p === '..') parts.pop()
    else if (p !== '.' && p !== '') parts.push(p)
  }
  return parts.join('/') || '/'
}

/** Stats a path in the container's filesystem without running anything in it (`HEAD …/archive`). */
async function statPath(docker: Docker, id: string, path: string): Promise<PathStat | null> {
  let res: IncomingMessage
  try {
    res = (await docker.getContainer(id).infoArchive({ path })) as IncomingMessage
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null
    throw err
  }
  res.resume()
  return parsePathStat(res.headers['x-docker-container-path-stat'])
}

/** A file that can be run: not a directory; a symlink counts when its target exists (one hop). */
async function isProgram(docker: Docker, id: string, path: string): Promise<boolean> {
  const st = await statPath(docker, id, path)
  if (!st || st.mode & MODE_DIR) return false
  if (!(st.mode & MODE_SYMLINK)) return true
  const target = await statPath(docker, id, resolveLink(path, st.linkTarget))
  return target !== null && !(target.mode & MODE_DIR)
}

/** Whether the container runs, which shells it has (best first) and whether it was started with `-it`. */
export async function probeShells(docker: Docker, ref: string): Promise<ShellProbe & { id: string }> {
  const info = await docker.getContainer(ref).inspect()
  const found = await Promise.all(SHELL_CANDIDATES.map((p) => isProgram(docker, info.Id, p)))
  return {
    id: info.Id,
    running: info.State?.Running === true && info.State?.Paused !== true,
    shells: SHELL_CANDIDATES.filter((_, i) => found[i]),
    attachable: info.Config?.Tty === true && info.Config?.OpenStdin === true,
  }
}
