import { posix } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { extract as tarExtract, pack as tarPack } from 'tar-stream'
import { BerthError } from '../../../src-shared/contract/errors'
import type { DirListing, FileChange } from '../../../src-shared/contract/files'
import type { ExportFile } from '../../exports/target'
import { trackStream } from '../../streams/gauge'
import type { EngineConnection } from '../connection'
import { DirCollector } from './entries'
import { statContainerPath, type ContainerPathStat } from './path-stat'
import { subject } from '../subject'

/**
 * How much of a folder's archive a listing reads before it stops. The engine has no "list a
 * directory": its archive of a folder carries the whole subtree, file contents included, so
 * Berth reads headers and lets contents flow past, and gives up on a folder that big (`/`
 * of a large image) with `complete: false` rather than stream gigabytes.
 */
const LIST_BUDGET_BYTES = 256 * 1024 ** 2
const SYMLINK_HOPS = 8

const KINDS = ['changed', 'added', 'deleted'] as const

export interface UploadRequest {
  id: string
  dir: string
  name: string
  size: number
  overwrite: boolean
}

/** A container's filesystem through the archive API: list, download, upload, and its diff against the image. */
export class FileService {
  constructor(
    private readonly conn: EngineConnection,
    private readonly budgetBytes = LIST_BUDGET_BYTES,
  ) {}

  async list(id: string, path: string): Promise<DirListing> {
    const dir = await this.resolveDir(id, path)
    return this.conn.run(
      async (d) => {
        const res = (await d.getContainer(id).getArchive({ path: dir })) as Readable
        const release = trackStream('files:list')
        const collector = new DirCollector(dir)
        let read = 0
        let complete = true
        const ex = tarExtract()
        try {
          await new Promise<void>((resolve, reject) => {
            const stop = () => {
              complete = false
              res.unpipe(ex)
              res.destroy()
              resolve()
            }
            res.on('data', (chunk: Buffer) => {
              read += chunk.length
              if (read > this.budgetBytes && complete) stop()
            })
            res.on('error', (err) => (complete ? reject(err) : resolve()))
            ex.on('entry', (header, body, next) => {
              collector.add(header)
              body.on('end', next)
              body.resume() // contents flow past: never kept
            })
            ex.on('finish', resolve)
            ex.on('error', (err) => (complete ? reject(err) : resolve()))
            res.pipe(ex)
          })
        } finally {
          ex.destroy()
          release()
        }
        return { path: dir, complete, ...collector.result(complete) }
      },
      subject('container', id),
    )
  }

  /** A folder as a tar; a file as itself (taken out of the engine's one-entry tar as it streams). */
  async download(id: string, path: string): Promise<ExportFile> {
    const st = await this.mustStat(id, path)
    const name = path === '/' ? 'root' : posix.basename(path)
    if (st.isDir) {
      return {
        suggestedName: `${name}.tar`,
        contentType: 'application/x-tar',
        writeTo: (out) => this.conn.run(async (d) => pipeCounting((await d.getContainer(id).getArchive({ path })) as Readable, out), subject('container', id)),
      }
    }
    return {
      suggestedName: name,
      contentType: 'application/octet-stream',
      writeTo: (out) => this.conn.run(async (d) => firstEntryTo((await d.getContainer(id).getArchive({ path })) as Readable, out), subject('container', id)),
    }
  }

  /** Checks where an upload would go (before any bytes move): the folder exists, and overwriting was agreed to. */
  async checkUpload(req: UploadRequest): Promise<void> {
    const dir = await this.resolveDir(req.id, req.dir)
    const target = await this.conn.run((d) => statContainerPath(d, req.id, posix.join(dir, req.name)), subject('container', req.id))
    if (target?.isDir) throw new BerthError('CONFLICT', `“${req.name}” is a folder in ${dir}; a file cannot replace it.`, { reason: 'files_target_is_folder', name: req.name, dir })
    if (target && !req.overwrite) throw new BerthError('CONFLICT', `A file named “${req.name}” already exists in ${dir}. Replace it?`, { reason: 'files_exists', name: req.name, dir })
  }

  /** Wraps `source` (exactly `size` bytes) in a one-file tar and PUTs it into the folder. */
  async upload(req: UploadRequest, source: Readable): Promise<{ path: string; bytes: number }> {
    await this.checkUpload(req)
    const dir = await this.resolveDir(req.id, req.dir)
    const pack = tarPack()
    let bytes = 0
    const entryDone = new Promise<void>((resolve, reject) => {
      const entry = pack.entry({ name: req.name, size: req.size, mode: 0o644, mtime: new Date(), type: 'file' }, (err) => (err ? reject(err) : resolve()))
      source.on('data', (c: Buffer) => (bytes += c.length))
      source.on('error', reject)
      entry.on('error', reject) // "Size mismatch": fewer or more bytes than announced
      source.pipe(entry)
    }).then(
      () => pack.finalize(),
      (err: unknown) => {
        pack.destroy(err as Error)
        throw new BerthError('INVALID_INPUT', `The upload of “${req.name}” stopped: ${bytes} of ${req.size} bytes arrived. Nothing was written.`, { reason: 'files_upload_incomplete', name: req.name })
      },
    )
    const put = this.conn.run((d) => d.getContainer(req.id).putArchive(pack as unknown as Readable, { path: dir }), subject('container', req.id))
    // If the source fails, the engine sees a broken tar and writes nothing; report the source's reason.
    const [entry, engine] = await Promise.allSettled([entryDone, put])
    if (entry.status === 'rejected') throw entry.reason
    if (engine.status === 'rejected') throw engine.reason
    return { path: posix.join(dir, req.name), bytes }
  }

  async changes(id: string): Promise<FileChange[]> {
    const raw = await this.conn.run((d) => d.getContainer(id).changes() as Promise<{ Path: string; Kind: number }[] | null>, subject('container', id))
    return (raw ?? []).map((c) => ({ path: c.Path, kind: KINDS[c.Kind] ?? 'changed' }))
  }

  /** The path as a folder, following symlinks (`/bin` → `/usr/bin` on merged-usr images). */
  private async resolveDir(id: string, path: string): Promise<string> {
    let current = path
    for (let hop = 0; hop <= SYMLINK_HOPS; hop++) {
      const st = await this.mustStat(id, current)
      if (st.isDir) return current
      if (!st.isSymlink) throw new BerthError('CONFLICT', `${path} is a file, not a folder.`, { reason: 'files_not_folder', path })
      current = st.linkTarget.startsWith('/') ? posix.normalize(st.linkTarget) : posix.resolve(posix.dirname(current), st.linkTarget)
    }
    throw new BerthError('CONFLICT', `${path} is a chain of links that does not end.`, { reason: 'files_not_folder', path })
  }

  private async mustStat(id: string, path: string): Promise<ContainerPathStat> {
    const st = await this.conn.run((d) => statContainerPath(d, id, path), subject('container', id))
    if (!st) throw new BerthError('NOT_FOUND', `${path} does not exist in the container.`, { reason: 'files_no_such_path', path })
    return st
  }
}

/** Copies with backpressure; resolves with the byte count, rejects when either side fails. */
function pipeCounting(from: Readable, out: Writable): Promise<number> {
  const release = trackStream('files:download')
  let bytes = 0
  return new Promise<number>((resolve, reject) => {
    const fail = (err: Error) => {
      from.destroy()
      reject(err)
    }
    from.on('data', (c: Buffer) => {
      bytes += c.length
      if (!out.write(c)) {
        from.pause()
        out.once('drain', () => from.resume())
      }
    })
    from.on('end', () => resolve(bytes))
    from.on('error', fail)
    out.on('error', fail)
    out.on('close', () => fail(new Error('the receiver went away')))
  }).finally(release)
}

/** Writes the contents of the archive's first entry (the file) to `out`, and stops reading there. */
function firstEntryTo(from: Readable, out: Writable): Promise<number> {
  const release = trackStream('files:download')
  const ex = tarExtract()
  return new Promise<number>((resolve, reject) => {
    let done = false
    const finish = (err: Error | null, bytes = 0) => {
      if (done) return
      done = true
      from.destroy()
      ex.destroy()
      if (err) reject(err)
      else resolve(bytes)
    }
    ex.on('entry', (_h, body) => {
      void pipeCounting(body as unknown as Readable, out).then(
        (n) => finish(null, n),
        (e: Error) => finish(e),
      )
    })
    ex.on('error', (e) => finish(e))
    ex.on('finish', () => finish(null, 0))
    from.on('error', (e) => finish(e))
    from.pipe(ex)
  }).finally(release)
}
