import { z } from 'zod'
import { noParams } from './common'
import { request, topic } from './define'
import type { RowPatch } from './live-list'
import type { LogExportResult } from './logs'

/** A container that uses a volume (the helper containers Berth makes for browsing are left out). */
export interface VolumeUser {
  id: string
  name: string
  running: boolean
}

/** One row of the Volumes screen; the same shape comes from the list and from a change patch. */
export interface VolumeRow {
  name: string
  driver: string
  mountpoint: string
  scope: string
  /** Epoch ms; null when the engine gives no time. */
  created: number | null
  labels: Record<string, string>
  options: Record<string, string>
  /** Bytes from the engine's disk usage (`UsageData.Size`); null when the engine does not know (-1, other drivers) or has not measured it yet. */
  size: number | null
  usedBy: VolumeUser[]
  /** Made by the engine for a container (a 64-hex name, or the engine's anonymous label), not named by someone. */
  anonymous: boolean
}

export type VolumeEntryKind = 'file' | 'dir' | 'symlink' | 'other'

/** One entry of a folder in a volume, read from a tar header (contents are never kept). */
export interface VolumeEntry {
  name: string
  kind: VolumeEntryKind
  /** A file's bytes; a folder's bytes summed over everything under it (null when the listing stopped inside it). */
  size: number | null
  /** Epoch ms. */
  mtime: number | null
  linkTarget: string | null
}

export interface VolumeListing {
  volume: string
  path: string
  entries: VolumeEntry[]
  /** False when Berth stopped reading at its budget: entries after `stoppedAfter` are missing. */
  complete: boolean
  stoppedAfter: string | null
}

export interface VolumeFileText {
  volume: string
  path: string
  size: number
  /** The text, or null when the file is binary. */
  text: string | null
  binary: boolean
  /** Only the first VOLUME_VIEW_MAX_BYTES were read. */
  truncated: boolean
}

export interface VolumePrunePreview {
  items: { name: string; size: number | null; anonymous: boolean }[]
  /** Bytes the listed volumes hold (those of unknown size count 0). */
  bytes: number
}

export interface VolumePruneReport {
  removed: { name: string; size: number | null }[]
  /** Listed volumes left in place: in use by now, already gone, or refused by the engine. */
  skipped: { name: string; message: string }[]
  bytes: number
}

export type VolumeExportResult = LogExportResult

export type VolumeImportResult =
  /** Electron: the picked file was read into the volume. */
  | { kind: 'imported'; volume: string; bytes: number }
  /** Browser mode: POST the .tar's bytes to this one-time URL; it answers `{volume, bytes}` or an error shape. */
  | { kind: 'upload'; url: string }
  | { kind: 'cancelled' }

/** Progress of an export, import or clone, keyed by the token the page chose. */
export interface VolumeProgress {
  bytes: number
  /** An import's file size; for an export or clone, what the volume held by the last disk-usage read (a guide: a tar adds headers). Null when unknown. */
  expected: number | null
  done: boolean
}

/** How much of a file the viewer shows. */
export const VOLUME_VIEW_MAX_BYTES = 512 * 1024
/** Largest .tar browser mode takes in one upload. */
const VOLUME_IMPORT_MAX_BYTES = 64 * 1024 ** 3

// Docker's volume name grammar (at least two characters).
const volumeName = z
  .string()
  .min(2)
  .max(255)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/, 'must start with a letter or digit and hold only letters, digits, _ . -')

const driverName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:/-]*$/, 'must be a driver name such as local')

/** key=value pairs (driver options, labels): keys without = or spaces. */
const keyValues = z
  .record(
    z
      .string()
      .min(1)
      .max(256)
      .regex(/^[^=\s]+$/, 'must be a key without = or spaces'),
    z.string().max(4096),
  )
  .refine((r) => Object.keys(r).length <= 64, 'at most 64 entries')

/** A path inside a volume: absolute, no . or .. segments, no NUL; normalised (no // or trailing /). */
const volumePath = z
  .string()
  .max(4096)
  .transform((p) => (p.length > 1 ? p.replace(/\/+/g, '/').replace(/\/$/, '') : p))
  .refine((p) => p.startsWith('/') && !p.includes('\0') && !p.split('/').some((s) => s === '..' || s === '.'), 'must be an absolute path without . or ..')

/** A random token the page picks to follow one transfer's progress. */
const progressToken = z.string().regex(/^[\w-]{16,64}$/)

const byName = z.strictObject({ name: volumeName })
const inVolume = z.strictObject({ name: volumeName, path: volumePath })

export const volumeRequests = {
  'volumes:list': request<VolumeRow[]>()(noParams),
  'volumes:create': request<VolumeRow>()(z.strictObject({ name: volumeName.optional(), driver: driverName.default('local'), driverOpts: keyValues.default({}), labels: keyValues.default({}) })),
  /** In use → CONFLICT `volume_in_use` naming the containers. */
  'volumes:remove': request<void>()(byName),
  /** Exactly what `volumes:prune` would remove now: volumes no container uses (named ones only with `includeNamed`). */
  'volumes:prune-preview': request<VolumePrunePreview>()(z.strictObject({ includeNamed: z.boolean().default(false) })),
  /** Removes the previewed volumes that are still unused; reports what went and the space it freed. */
  'volumes:prune': request<VolumePruneReport>()(z.strictObject({ names: z.array(volumeName).min(1).max(10_000) })),
  'volumes:browse': request<VolumeListing>()(inVolume),
  'volumes:read-file': request<VolumeFileText>()(inVolume),
  'volumes:download-file': request<VolumeExportResult>()(inVolume),
  'volumes:export': request<VolumeExportResult>()(z.strictObject({ name: volumeName, progress: progressToken.optional() })),
  /**
   * Reads a .tar into a volume: a new one (`create`) or an existing one, which must be empty
   * unless `overwrite` was confirmed. Electron picks the file in main; browser mode gets an upload URL.
   */
  'volumes:import': request<VolumeImportResult>()(
    z.strictObject({
      name: volumeName,
      create: z.boolean(),
      overwrite: z.boolean().default(false),
      /** Browser mode: the size of the file the page will upload. */
      size: z.number().int().min(0).max(VOLUME_IMPORT_MAX_BYTES).optional(),
      progress: progressToken.optional(),
    }),
  ),
  /** A new volume `target` with a copy of `name`'s files. */
  'volumes:clone': request<VolumeRow>()(z.strictObject({ name: volumeName, target: volumeName, progress: progressToken.optional() })),
}

export const volumeTopics = {
  /** Volume rows that changed after engine events (volume events, containers created, removed or renamed), keyed by volume name. */
  'volumes:changes': topic<RowPatch<VolumeRow>[]>()(noParams),
  'volumes:progress': topic<VolumeProgress>()(z.strictObject({ token: progressToken })),
}
