import { z } from 'zod'
import { request } from './define'
import type { DiskUsage, PruneCategory, PruneInventory, PruneReport } from '../disk-usage'

export type { DiskCategory, DiskUsage, PruneCategory, PruneInventory, PruneReport } from '../disk-usage'

const PRUNE_CATEGORIES = ['containers', 'images-dangling', 'images-unused', 'volumes', 'networks', 'build-cache'] as const satisfies readonly PruneCategory[]

/** Only objects with this label (key or key=value); tests clean only what they made. Build cache has no labels and is skipped then. */
const labelFilter = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^\s]+$/)
  .optional()

export const systemRequests = {
  'system:df': request<DiskUsage>()(z.strictObject({})),
  /** What every prune would remove now, for the renderer's plan (src-shared/prune-plan.ts). */
  'system:prune-inventory': request<PruneInventory>()(z.strictObject({ label: labelFilter })),
  'system:prune': request<PruneReport>()(z.strictObject({ categories: z.array(z.enum(PRUNE_CATEGORIES)).min(1).max(6), label: labelFilter })),
}

export const systemTopics = {}
