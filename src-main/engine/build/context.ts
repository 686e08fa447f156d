import { lstatSync, promises as fs } from 'node:fs'
import { join, relative, sep } from 'node:path'
import type { Readable } from 'node:stream'
import dockerignore from '@balena/dockerignore'
import { pack, type PackOptions } from 'tar-fs'
import { BerthError } from '../../../src-shared/contract/errors'

/**
 * Checks the context folder and the Dockerfile in it before anything is sent to the engine,
 * so a wrong path is named as such rather than as a builder error.
 */
export async function checkContext(context: string, dockerfile: string): Promise<void> {
  const dir = await statOrFail(context, 'context')
  if (!dir.isDirectory())
    throw new BerthError('INVALID_INPUT', `“${context}” is not a folder. Pick the folder that holds the Dockerfile and the files it copies.`, { reason: 'build_context_not_folder', path: context })
  const file = await statOrFail(join(context, dockerfile), 'dockerfile', context)
  if (!file.isFile()) throw new BerthError('INVALID_INPUT', `“${dockerfile}” in the context folder is not a file.`, { reason: 'build_dockerfile_missing', path: dockerfile })
}

async function statOrFail(path: string, what: 'context' | 'dockerfile', context?: string) {
  try {
    return await fs.stat(path)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EACCES' || code === 'EPERM') {
      throw new BerthError('PERMISSION_DENIED', `Berth may not read “${path}”.`, { reason: 'build_context_permission', path })
    }
    if (what === 'context') throw new BerthError('NOT_FOUND', `There is no folder “${path}” on the machine Berth runs on.`, { reason: 'build_context_missing', path })
    throw new BerthError('NOT_FOUND', `There is no Dockerfile at “${relative(context ?? '', path)}” in the context folder.`, {
      reason: 'build_dockerfile_missing',
      path: relative(context ?? '', path),
    })
  }
}

/** Reads `.dockerignore` at the context's root; none means nothing is ignored. */
async function readIgnore(context: string): Promise<string[]> {
  try {
    return (await fs.readFile(join(context, '.dockerignore'), 'utf8')).split(/\r?\n/)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
}

/**
 * Which context paths (relative, `/`-separated) go into the tar. `.dockerignore` rules as the
 * docker CLI applies them; the Dockerfile and `.dockerignore` are always sent (the builder needs
 * them, and leaves them out of COPY itself when they are ignored). With `!` exceptions an
 * ignored directory is still walked, so an exception inside it can bring a file back.
 */
export function contextFilter(patterns: string[], dockerfile: string): { ignored(rel: string, isDir: () => boolean): boolean } {
  const rules = dockerignore({ ignorecase: false }).add(patterns)
  const hasExceptions = patterns.some((p) => p.trim().startsWith('!'))
  const file = dockerfile
    .split(/[\\/]/)
    .filter((s) => s && s !== '.')
    .join('/')
  return {
    ignored(rel, isDir) {
      if (rel === '' || rel === '.dockerignore' || rel === file || file.startsWith(`${rel}/`)) return false
      if (!rules.ignores(rel)) return false
      return !(hasExceptions && isDir())
    },
  }
}

/**
 * The context as a tar stream, read as it is sent (nothing is buffered whole). Owners become
 * root and modes stay as they are, as `docker build` sends them.
 */
export async function packContext(context: string, dockerfile: string): Promise<Readable> {
  const filter = contextFilter(await readIgnore(context), dockerfile)
  // umask 0: modes go as they are on disk (tar-fs would mask them with the process umask).
  const options: PackOptions & { umask: number } = {
    umask: 0,
    ignore: (abs: string) => {
      const rel = relative(context, abs).split(sep).join('/')
      return filter.ignored(rel, () => {
        try {
          return lstatSync(abs).isDirectory()
        } catch {
          return false
        }
      })
    },
    map: (header) => ({ ...header, uid: 0, gid: 0 }),
  }
  return pack(context, options) as unknown as Readable
}
