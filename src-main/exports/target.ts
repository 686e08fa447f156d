import { once } from 'node:events'
import { createWriteStream, fchmodSync, fstatSync, rmSync, statSync } from 'node:fs'
import type { Writable } from 'node:stream'
import { BerthError } from '../../src-shared/contract/errors'
import type { LogExportResult } from '../../src-shared/contract/logs'

/** Something to export: a name to offer and a writer that produces the content. */
export interface ExportFile {
  suggestedName: string
  /** The download's Content-Type in browser mode; text/plain when absent (logs). */
  contentType?: string
  /**
   * Writes everything to `out` (without ending it); resolves with the number of bytes written.
   * Waits for 'drain' when `out` is full, and stops (rejects) when `out` fails.
   */
  writeTo(out: Writable): Promise<number>
}

export type ExportResult = LogExportResult

/**
 * Where exports go; the part that depends on how Berth runs. Electron asks for a file with a
 * save dialog (window/export-target.ts); browser mode hands out a one-time download link
 * (transport/downloads.ts).
 */
export interface ExportTarget {
  deliver(file: ExportFile): Promise<ExportResult>
}

/** Exports hold logs, volume files and container files: readable by the person only, as config.json is. */
const EXPORT_MODE = 0o600

/** Writes an export to `path` (mode 0600); a failed write removes the partial file and says why. */
export async function saveToFile(path: string, file: ExportFile): Promise<ExportResult> {
  const out = createWriteStream(path, { mode: EXPORT_MODE })
  // Kept from the first failure on: a write error can come while the writer is between writes.
  let failure: Error | null = null
  out.on('error', (err) => (failure ??= err))
  try {
    const fd = (await once(out, 'open'))[0] as number
    narrowMode(fd)
    const bytes = await file.writeTo(out)
    if (failure) throw failure
    out.end()
    await once(out, 'finish')
    return { kind: 'saved', path, bytes }
  } catch (err) {
    out.destroy()
    // A half-written file is removed; a device or anything else that is not a file is left alone.
    if (isFile(path)) rmSync(path, { force: true })
    // The file failed (disk full, permission): say so. Otherwise the reading side failed (the
    // engine went away) and its own error says why.
    if (failure) throw writeError(path, failure)
    if (err instanceof BerthError) throw err
    throw new BerthError('INTERNAL', `Berth could not finish ${path}: ${(err as Error).message ?? String(err)}. Nothing was saved.`)
  }
}

/**
 * The mode given at creation applies to a new file only; an existing file picked to be replaced
 * is narrowed too. One the person may write but not chmod (another owner's) keeps its mode: they
 * chose it. A device or pipe is left as it is.
 */
function narrowMode(fd: number): void {
  try {
    if (fstatSync(fd).isFile()) fchmodSync(fd, EXPORT_MODE)
  } catch {
    // Not ours to change (see above).
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** A failed write as a BerthError whose reason the renderer translates; the path and errno go along for the sentence. */
function writeError(path: string, err: unknown): BerthError {
  if (err instanceof BerthError) return err
  const code = (err as { code?: string }).code
  const why: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    EROFS: 'the disk is read-only',
    EISDIR: 'that is a folder',
    ENOENT: 'its folder does not exist',
  }
  const errno = code ?? 'error'
  if (code === 'EACCES' || code === 'EPERM') return new BerthError('PERMISSION_DENIED', `Berth may not write ${path}. Pick another place.`, { reason: 'export_permission', path, errno })
  const message = `Berth could not write ${path}: ${(code && why[code]) ?? (err as Error).message ?? String(err)}. Nothing was saved.`
  if (code === 'ENOSPC' || code === 'EDQUOT') return new BerthError('INTERNAL', message, { reason: 'export_disk_full', path, errno })
  return new BerthError('INTERNAL', message, { reason: 'export_write_failed', path, errno })
}
