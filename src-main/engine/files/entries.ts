import type { Header as Headers } from 'tar-stream'
import type { FileEntry, FileKind } from '../../../src-shared/contract/files'

const KIND: Record<string, FileKind> = { file: 'file', 'contiguous-file': 'file', link: 'file', directory: 'dir', symlink: 'symlink' }
const TYPE_CHAR: Record<FileKind, string> = { file: '-', dir: 'd', symlink: 'l', other: '?' }

/** `drwxr-xr-x`, as ls shows it. */
export function modeString(kind: FileKind, mode: number): string {
  const bits = 'rwxrwxrwx'
  let out = TYPE_CHAR[kind]
  for (let i = 0; i < 9; i++) out += mode & (1 << (8 - i)) ? bits[i] : '-'
  return out
}

/**
 * Collects one directory's children from the tar headers of its archive (`GET …/archive`),
 * in the order the engine writes them (a depth-first walk, names sorted). The archive's first
 * entry is the directory itself (`etc/`, or `/` for the root); children are one level below
 * it; deeper entries only add their size to the child they are under.
 */
export class DirCollector {
  private prefix: string | null = null
  private readonly entries: FileEntry[] = []
  private current: FileEntry | null = null

  constructor(private readonly dirPath: string) {}

  add(h: Headers): void {
    const name = h.name.replace(/\/+$/, '')
    if (this.prefix === null) {
      // The directory itself: everything else is under `<its name>/`.
      this.prefix = name === '' ? '/' : `${name}/`
      return
    }
    if (!h.name.startsWith(this.prefix)) return
    const rel = name.slice(this.prefix.length)
    if (rel === '') return
    const slash = rel.indexOf('/')
    if (slash < 0) {
      const kind = KIND[h.type ?? 'file'] ?? 'other'
      this.current = {
        name: rel,
        path: this.dirPath === '/' ? `/${rel}` : `${this.dirPath}/${rel}`,
        kind,
        size: kind === 'dir' ? 0 : kind === 'file' ? (h.size ?? 0) : null,
        mode: modeString(kind, h.mode ?? 0),
        mtime: h.mtime ? h.mtime.getTime() : null,
        linkTarget: kind === 'symlink' ? (h.linkname ?? null) : null,
      }
      this.entries.push(this.current)
    } else if (this.current && this.current.kind === 'dir' && rel.slice(0, slash) === this.current.name && this.current.size !== null) {
      // Hard links carry no data of their own in the archive; count them once, as files.
      if (h.type === 'file' || h.type === 'contiguous-file') this.current.size += h.size ?? 0
    }
  }

  /** The children so far. When the reading stopped early, the last child's folder size is unknown. */
  result(complete: boolean): { entries: FileEntry[]; stoppedAfter: string | null } {
    if (!complete && this.current?.kind === 'dir') this.current.size = null
    return { entries: this.entries, stoppedAfter: complete ? null : (this.current?.name ?? null) }
  }
}
