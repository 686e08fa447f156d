import { z } from 'zod'
import { parseTagTarget } from '../image-reference'
import { ENV_KEY, isAbsolutePath } from '../run/grammar'
import { noParams } from './common'
import { request, topic } from './define'

/** Electron's folder dialog answers with a path; browser mode has no dialog and says so. */
export type FolderPick = { kind: 'picked'; path: string } | { kind: 'cancelled' } | { kind: 'unavailable' }

/** One line of build output: what RUN printed and the builder's steps (`stream`), or its notes (`aux`). */
export interface BuildLine {
  text: string
  kind: 'stream' | 'aux' | 'error'
}

export type BuildMessage =
  | { kind: 'output'; lines: BuildLine[] }
  /** The builder started step `step` of `total` (Step 2/5 : RUN …). */
  | { kind: 'step'; step: number; total: number; instruction: string }
  /** Built: the image id and the tags it got. */
  | { kind: 'done'; imageId: string; tags: string[] }

// A Dockerfile path inside the context: relative, no `..` segment, no NUL.
const insideContext = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..') && !p.includes('\0'), 'must be a path inside the context folder')

// A name and an optional tag, by Docker's reference grammar (no digest: the engine makes it).
const tag = z
  .string()
  .min(1)
  .max(512)
  .refine((v) => parseTagTarget(v).ok, 'must be an image name with an optional tag')

export const buildParams = z.strictObject({
  /** The context folder: an absolute path on the machine where Berth's main process runs. */
  context: z.string().min(1).max(4096).refine(isAbsolutePath, 'must be an absolute path'),
  dockerfile: insideContext.default('Dockerfile'),
  tags: z.array(tag).max(32).default([]),
  buildArgs: z
    .array(z.strictObject({ key: z.string().max(256).regex(ENV_KEY), value: z.string().max(32_768) }))
    .max(200)
    .default([]),
  noCache: z.boolean().default(false),
  /** Pull a newer base image even if one is present. */
  pull: z.boolean().default(false),
  labels: z.record(z.string().max(256), z.string().max(4096)).optional(),
})

export type BuildParams = z.input<typeof buildParams>

export const buildRequests = {
  'build:pick-folder': request<FolderPick>()(noParams),
}

export const buildTopics = {
  /** One build per subscription; unsubscribing cancels it. A failure ends the stream with the error. */
  'build:run': topic<BuildMessage>()(buildParams),
}
