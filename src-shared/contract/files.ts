import { z } from 'zod'
import { objectRef } from './common'
import { request } from './define'
import type { LogExportResult } from './logs'

export type FileKind = 'file' | 'dir' | 'symlink' | 'other'

/** One entry of a container directory, read from a tar header (the content is never kept). */
export interface FileEntry {
  name: string
  path: string
  kind: FileKind
  /** Bytes of a file; for a folder, the sum of everything under it when the listing read all of it. */
  size: number | null
  mode: string
  mtime: number | null
  linkTarget: string | null
}

export interface DirListing {
  path: string
  entries: FileEntry[]
  /** False when Berth stopped reading the folder's archive at its budget: entries sorting after `stoppedAfter` are missing. */
  complete: boolean
  stoppedAfter: string | null
}

export type ChangeKind = 'changed' | 'added' | 'deleted'
export interface FileChange {
  path: string
  kind: ChangeKind
}

export type FileUploadResult =
  /** Electron: the picked file was copied into the container. */
  | { kind: 'uploaded'; path: string; bytes: number }
  /** Browser mode: POST the file's bytes to this one-time URL (relative to the page). */
  | { kind: 'upload'; url: string }

export type FilePickResult = { kind: 'picked'; ticket: string; name: string; size: number } | { kind: 'cancelled' }

/** An absolute path in the container: no `..`, no NUL, normalised (no // or trailing /). */
const containerPath = z
  .string()
  .max(4096)
  .transform((p) => (p.length > 1 ? p.replace(/\/+/g, '/').replace(/\/$/, '') : p))
  .refine((p) => p.startsWith('/') && !p.includes('\0') && !p.split('/').some((s) => s === '..' || s === '.'), 'must be an absolute path without . or ..')

/** One name inside a folder: no slash, not . or .. */
const fileName = z
  .string()
  .min(1)
  .max(255)
  .refine((n) => n !== '.' && n !== '..' && !/[/\0]/.test(n), 'must be a file name without /')

/** Largest upload Berth takes through browser mode (the engine has no limit; the page's memory does). */
const UPLOAD_MAX_BYTES = 2 * 1024 ** 3

export const fileRequests = {
  'files:list': request<DirListing>()(z.strictObject({ id: objectRef, path: containerPath })),
  'files:download': request<LogExportResult>()(z.strictObject({ id: objectRef, path: containerPath })),
  /** Electron only: an open dialog in main; the ticket names the picked file for `files:upload`. */
  'files:pick': request<FilePickResult>()(z.strictObject({})),
  'files:upload': request<FileUploadResult>()(
    z.strictObject({
      id: objectRef,
      dir: containerPath,
      name: fileName,
      size: z.number().int().min(0).max(UPLOAD_MAX_BYTES),
      overwrite: z.boolean().default(false),
      ticket: z
        .string()
        .regex(/^[\w-]{16,64}$/)
        .optional(),
    }),
  ),
  'files:changes': request<FileChange[]>()(z.strictObject({ id: objectRef })),
}

export const fileTopics = {}
