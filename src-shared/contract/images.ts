import { z } from 'zod'
import { noParams } from './common'
import { request, topic } from './define'
import type { RowPatch } from './live-list'
import type { TransferCancelled, TransferMessage } from './transfer'

export type { LayerProgress, TransferAggregate, TransferCancelled, TransferMessage } from './transfer'

/** One row of the Images screen: one per repository:tag, or one `<none>` row for an untagged image. */
export interface ImageRow {
  /** Unique per row: the image id and its repository:tag (or `<none>`). */
  key: string
  /** Full image id (`sha256:…`). */
  id: string
  /** null for an untagged image (shown as <none>). */
  repository: string | null
  tag: string | null
  /** Repository digests (`repo@sha256:…`), empty for images never pushed or pulled. */
  digests: string[]
  size: number
  /** Seconds since the epoch. */
  created: number
  /** Containers (any state) created from this image. */
  containers: number
  /** Untagged and not the parent of another image: what "prune dangling" removes. */
  dangling: boolean
}

export interface ImageHistoryRow {
  /** The layer's image id, or null for steps that live only in this image (`<missing>`). */
  id: string | null
  created: number
  createdBy: string
  size: number
  /** A step that added no filesystem layer (ENV, CMD, LABEL…). */
  empty: boolean
  comment: string
  tags: string[]
}

export interface ImageUser {
  id: string
  name: string
  state: string
}

export interface ImageDetail {
  id: string
  repoTags: string[]
  repoDigests: string[]
  created: string
  size: number
  os: string
  architecture: string
  variant: string | null
  author: string
  dockerVersion: string
  config: {
    entrypoint: string[] | null
    cmd: string[] | null
    env: string[]
    exposedPorts: string[]
    workingDir: string
    user: string
    labels: Record<string, string>
    volumes: string[]
    stopSignal: string | null
  }
  history: ImageHistoryRow[]
  containers: ImageUser[]
}

export interface ImageRemoved {
  untagged: string[]
  deleted: string[]
}

export type ImagePruneMode = 'dangling' | 'unused'

export interface ImagePrunePreviewItem {
  id: string
  /** Its tags (unused prune), or `<none>`. */
  names: string[]
  /** Bytes only this image holds (its size less what it shares with images that stay). */
  size: number
  /** An untagged parent the engine removes along with its child. */
  parentOf: string | null
}

export interface ImagePrunePreview {
  mode: ImagePruneMode
  items: ImagePrunePreviewItem[]
  /** The engine's shared-size figures summed: an estimate the real prune reports exactly. */
  bytes: number
}

export interface ImagePruneResult {
  mode: ImagePruneMode
  deleted: string[]
  untagged: string[]
  bytes: number
}

/** An image id (full or short, with or without `sha256:`) or a reference the engine knows. */
const imageRef = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:/@[\]-]*$/, 'must be an image id or reference')

/** A reference for pull or push: checked for shape here and by the reference grammar in main. */
const transferRef = z.string().min(1).max(512)
const platform = z
  .string()
  .regex(/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/, 'must be os/arch[/variant]')
  .max(64)
const pruneParams = z.strictObject({
  mode: z.enum(['dangling', 'unused']),
  /** Only images with this label (`key` or `key=value`), as `docker image prune --filter label=…`. */
  label: z
    .string()
    .min(1)
    .max(256)
    .regex(/^[^\s=]+(=[^\s]*)?$/, 'must be key or key=value')
    .optional(),
})

export const imageRequests = {
  'images:list': request<ImageRow[]>()(noParams),
  'images:inspect': request<ImageDetail>()(z.strictObject({ id: imageRef })),
  'images:remove': request<ImageRemoved>()(z.strictObject({ id: imageRef, force: z.boolean().default(false) })),
  'images:tag': request<{ reference: string }>()(z.strictObject({ id: imageRef, target: z.string().max(600) })),
  'images:prune-preview': request<ImagePrunePreview>()(pruneParams),
  'images:prune': request<ImagePruneResult>()(pruneParams),
  /** Stops a running pull or push; answers what it left behind. */
  'images:cancel': request<TransferCancelled>()(z.strictObject({ transferId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) })),
}

export const imageTopics = {
  /** Image rows that changed after engine events (the list read again and compared), keyed by ImageRow.key. */
  'images:changes': topic<RowPatch<ImageRow>[]>()(noParams),
  /** Pulls an image: `started`, then `progress` (about 10 a second), then `done`; errors end the subscription. Unsubscribing cancels. */
  'images:pull': topic<TransferMessage>()(z.strictObject({ reference: transferRef, platform: platform.optional() })),
  /** Pushes a local tag to its registry with the same messages. */
  'images:push': topic<TransferMessage>()(z.strictObject({ reference: transferRef })),
}
