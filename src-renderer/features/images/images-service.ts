import type { ImagePruneMode } from '../../../src-shared/contract'
import { api } from '../../api'

// What the image screens ask of main besides the list (images-store.ts keeps that).

export const inspectImage = (id: string) => api().invoke('images:inspect', { id })
export const imagePrunePreview = (mode: ImagePruneMode) => api().invoke('images:prune-preview', { mode })
export const pruneImages = (mode: ImagePruneMode) => api().invoke('images:prune', { mode })
