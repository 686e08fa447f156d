import type { ImagePruneMode, ImagePrunePreviewItem } from '../../../src-shared/contract/images'
import { matchesLabelFilter } from '../label-filter'
import { realTags } from './rows'

/** What the plan needs of each image (from `GET /images/json?all=1`, sizes from `/system/df`). */
export interface PlanImage {
  id: string
  parentId: string
  tags: string[]
  digests: string[]
  labels: Record<string, string>
  /** Bytes only this image holds among the images listed (Size − SharedSize); 0 when unknown. */
  unique: number
}

/** `key` or `key=value`, as `--filter label=…` takes it. */
export function matchesLabel(labels: Record<string, string>, filter: string | undefined): boolean {
  return !filter || matchesLabelFilter(labels, filter)
}

/**
 * What `POST /images/prune` will remove, following the engine's own rules (daemon/images/
 * image_prune.go, 20.10): dangling mode looks at images without children and removes the
 * untagged ones; unused mode removes every image no container uses, tags and all, skipping
 * untagged intermediates. Images any container uses (running or not) stay. Each removal also
 * takes its untagged parents that nothing else needs, which the engine deletes with the child.
 */
export function planImagePrune(images: readonly PlanImage[], usedIds: ReadonlySet<string>, mode: ImagePruneMode, label?: string): ImagePrunePreviewItem[] {
  const byId = new Map(images.map((i) => [i.id, i]))
  const children = new Map<string, string[]>()
  for (const i of images) if (i.parentId) children.set(i.parentId, [...(children.get(i.parentId) ?? []), i.id])

  const chosen: ImagePrunePreviewItem[] = []
  const removed = new Set<string>()
  for (const img of images) {
    const tags = realTags(img.tags)
    const hasRefs = tags.length > 0 || img.digests.length > 0
    const hasChildren = (children.get(img.id)?.length ?? 0) > 0
    if (mode === 'dangling' && hasChildren) continue
    if (!hasRefs && hasChildren) continue
    if (!matchesLabel(img.labels, label)) continue
    if (usedIds.has(img.id)) continue
    if (mode === 'dangling' && tags.length > 0) continue
    chosen.push({ id: img.id, names: tags.length > 0 ? tags : ['<none>'], size: Math.max(0, img.unique), parentOf: null })
    removed.add(img.id)
  }
  // Untagged parents go with their last child, up the chain.
  for (const item of [...chosen]) {
    let child = item.id
    let parent = byId.get(child)?.parentId
    while (parent) {
      const p = byId.get(parent)
      if (!p || removed.has(p.id) || usedIds.has(p.id) || realTags(p.tags).length > 0 || p.digests.length > 0) break
      if (!(children.get(p.id) ?? []).every((c) => removed.has(c))) break
      chosen.push({ id: p.id, names: ['<none>'], size: 0, parentOf: child })
      removed.add(p.id)
      child = p.id
      parent = p.parentId
    }
  }
  return chosen
}
