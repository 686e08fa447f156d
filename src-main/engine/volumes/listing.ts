import type { Readable } from 'node:stream'
import { extract as tarExtract, type Header } from 'tar-stream'
import type { VolumeEntry, VolumeEntryKind } from '../../../src-shared/contract/volumes'

const KINDS: Record<string, VolumeEntryKind> = { file: 'file', 'contiguous-file': 'file', link: 'file', directory: 'dir', symlink: 'symlink' }

/**
 * One folder's children from the headers of its archive (`GET …/archive?path=<dir>/.`, whose
 * names are `./`, `./a`, `./d/`, `./d/b` in a depth-first walk). Deeper entries only add their
 * size to the child folder they are under.
 */
class ListingCollector {
  private readonly entries: VolumeEntry[] = []
  private current: VolumeEntry | null = null

  add(h: Header): void {
    const rel = h.name.replace(/^(\.\/)+/, '').replace(/\/+$/, '')
    if (rel === '' || rel === '.') return
    const slash = rel.indexOf('/')
    if (slash < 0) {
      const kind = KINDS[h.type ?? 'file'] ?? 'other'
      // A hard link carries no data of its own in the archive: its size is not known from here.
      const size = kind === 'dir' ? 0 : kind === 'file' && h.type !== 'link' ? (h.size ?? 0) : null
      this.current = { name: rel, kind, size, mtime: h.mtime ? h.mtime.getTime() : null, linkTarget: kind === 'symlink' ? (h.linkname ?? null) : null }
      this.entries.push(this.current)
      return
    }
    const c = this.current
    if (c && c.kind === 'dir' && c.size !== null && rel.slice(0, slash) === c.name && (h.type === 'file' || h.type === 'contiguous-file')) c.size += h.size ?? 0
  }

  /** The children read; when reading stopped early, the last folder's size is unknown and later names are missing. */
  result(complete: boolean): { entries: VolumeEntry[]; stoppedAfter: string | null } {
    if (!complete && this.current?.kind === 'dir') this.current.size = null
    return { entries: this.entries, stoppedAfter: complete ? null : (this.current?.name ?? null) }
  }
}

/**
 * Reads a folder's archive header by header; file contents flow past unkept. The engine has
 * no "list a folder": its archive carries the whole subtree, so after `budgetBytes` Berth
 * stops (and destroys the stream) and says the listing is incomplete.
 */
export function readListing(archive: Readable, budgetBytes: number): Promise<{ entries: VolumeEntry[]; complete: boolean; stoppedAfter: string | null }> {
  const collector = new ListingCollector()
  const ex = tarExtract()
  let read = 0
  let complete = true
  return new Promise<{ entries: VolumeEntry[]; complete: boolean; stoppedAfter: string | null }>((resolve, reject) => {
    let settled = false
    const finish = (err?: Error) => {
      if (settled) return
      settled = true
      archive.unpipe(ex)
      archive.destroy()
      ex.destroy()
      if (err && complete) reject(err)
      else resolve({ complete, ...collector.result(complete) })
    }
    archive.on('data', (chunk: Buffer) => {
      read += chunk.length
      if (read > budgetBytes && complete) {
        complete = false
        finish()
      }
    })
    archive.on('error', finish)
    ex.on('entry', (header, body, next) => {
      collector.add(header)
      body.on('end', next)
      body.resume()
    })
    ex.on('finish', () => finish())
    ex.on('error', finish)
    archive.pipe(ex)
  })
}
