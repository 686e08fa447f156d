import type { IncomingMessage } from 'node:http'
import type Docker from 'dockerode'

/** Go's os.FileMode bits the engine puts in a path stat. */
const MODE_DIR = 2 ** 31
const MODE_SYMLINK = 2 ** 27

export interface ContainerPathStat {
  name: string
  size: number
  mode: number
  mtime: string
  linkTarget: string
  isDir: boolean
  isSymlink: boolean
}

/** Decodes `X-Docker-Container-Path-Stat` (base64 JSON); null when absent or unreadable. */
function decodePathStat(header: string | string[] | undefined): ContainerPathStat | null {
  if (typeof header !== 'string' || header === '') return null
  try {
    const v = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as Partial<ContainerPathStat>
    if (typeof v.mode !== 'number') return null
    return {
      name: String(v.name ?? ''),
      size: Number(v.size ?? 0),
      mode: v.mode,
      mtime: String(v.mtime ?? ''),
      linkTarget: String(v.linkTarget ?? ''),
      isDir: (v.mode & MODE_DIR) !== 0,
      isSymlink: (v.mode & MODE_SYMLINK) !== 0,
    }
  } catch {
    return null
  }
}

/** `HEAD …/archive?path=`: stats a path without running anything (works on stopped containers). Null when absent. */
export async function statContainerPath(docker: Docker, id: string, path: string): Promise<ContainerPathStat | null> {
  let res: IncomingMessage
  try {
    res = (await docker.getContainer(id).infoArchive({ path })) as IncomingMessage
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) {
      // 404 is also "no such container": tell the two apart.
      await docker.getContainer(id).inspect()
      return null
    }
    throw err
  }
  res.resume()
  return decodePathStat(res.headers['x-docker-container-path-stat'])
}
