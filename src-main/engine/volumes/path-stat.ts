import type { IncomingMessage } from 'node:http'
import type Docker from 'dockerode'

// Go's os.FileMode bits in the engine's path stat.
const MODE_DIR = 2 ** 31
const MODE_SYMLINK = 2 ** 27

export type PathKind = 'dir' | 'symlink' | 'file'

/**
 * `HEAD …/archive?path=`: what a path is (the last component not followed), without running
 * anything. Null when it does not exist.
 */
export async function statPath(container: Docker.Container, path: string): Promise<{ kind: PathKind; size: number; linkTarget: string } | null> {
  let res: IncomingMessage
  try {
    res = (await container.infoArchive({ path })) as IncomingMessage
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null
    throw err
  }
  res.resume()
  const header = res.headers['x-docker-container-path-stat']
  if (typeof header !== 'string') return null
  const v = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as { mode?: number; size?: number; linkTarget?: string }
  const mode = v.mode ?? 0
  return { kind: mode & MODE_DIR ? 'dir' : mode & MODE_SYMLINK ? 'symlink' : 'file', size: v.size ?? 0, linkTarget: v.linkTarget ?? '' }
}
