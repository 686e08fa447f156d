import type { DiskCategory, DiskItem, DiskUsage, PruneInventory } from '../../../src-shared/disk-usage'
import { matchesLabelFilter } from '../label-filter'

// GET /system/df as engines of different API versions answer it. Fields come and go: images
// lost VirtualSize (1.44), build cache records went from Parent to Parents (1.42), a
// container's SizeRw is left out when 0, sizes the engine cannot tell are -1, lists can be null.
export interface RawDf {
  LayersSize?: number
  Images?: RawImage[] | null
  Containers?: RawContainer[] | null
  Volumes?: RawVolume[] | null
  BuildCache?: RawBuildCache[] | null
}
interface RawImage {
  Id: string
  ParentId?: string
  RepoTags?: string[] | null
  Size?: number
  SharedSize?: number
  VirtualSize?: number
  Containers?: number
  Labels?: Record<string, string> | null
}
interface RawContainer {
  Id: string
  Names?: string[] | null
  ImageID?: string
  State?: string
  SizeRw?: number
  Labels?: Record<string, string> | null
  Mounts?: { Type?: string; Name?: string }[] | null
}
interface RawVolume {
  Name: string
  Labels?: Record<string, string> | null
  UsageData?: { Size?: number; RefCount?: number } | null
}
interface RawBuildCache {
  ID: string
  Description?: string
  InUse?: boolean
  Shared?: boolean
  Size?: number
}

/** How many items each category lists as its largest. */
const LARGEST_COUNT = 5

const known = (n: number | undefined): number => (typeof n === 'number' && n > 0 ? n : 0)
const isRunning = (c: RawContainer) => c.State === 'running' || c.State === 'paused' || c.State === 'restarting'
const imageName = (i: RawImage) => (i.RepoTags ?? []).find((t) => t !== '<none>:<none>') ?? i.Id.replace(/^sha256:/, '').slice(0, 12)
/** What deleting an image frees: its size less the layers it shares (unknown shared size: -1). */
const uniqueSize = (i: RawImage) => Math.max(0, known(i.Size ?? i.VirtualSize) - known(i.SharedSize))

function category(items: DiskItem[], total: number, active: number, unknownSizes = 0): DiskCategory {
  const reclaimable = items.reduce((n, i) => n + (i.reclaimable ? i.size : 0), 0)
  const largest = [...items].sort((a, b) => b.size - a.size || a.name.localeCompare(b.name)).slice(0, LARGEST_COUNT)
  return { count: items.length, active, total, reclaimable: Math.min(reclaimable, total), largest, unknownSizes }
}

/** The Disk usage view's figures, as the docker CLI's `system df` computes them (images' reclaimable excepted, see below). */
export function summarizeDf(raw: RawDf): DiskUsage {
  const images = raw.Images ?? []
  const imageItems = images.map((i) => ({ id: i.Id, name: imageName(i), size: uniqueSize(i), reclaimable: (i.Containers ?? 0) === 0 }))
  // Layers shared by several images count once: the engine's LayersSize when it gives one.
  const imagesTotal = raw.LayersSize ?? imageItems.reduce((n, i) => n + i.size, 0) + Math.max(0, ...images.map((i) => known(i.SharedSize)))
  // Kept: what images with containers hold alone, plus their shared layers (at least the
  // largest shared part of one of them). The CLI counts only the unique part, which on images
  // built on each other calls the shared base reclaimable although no prune frees it.
  const used = images.filter((i) => (i.Containers ?? 0) > 0)
  const imagesUsed = used.reduce((n, i) => n + uniqueSize(i), 0) + Math.max(0, ...used.map((i) => known(i.SharedSize)))
  const imageCat = category(imageItems, imagesTotal, images.filter((i) => (i.Containers ?? 0) > 0).length)
  imageCat.reclaimable = Math.max(0, imagesTotal - imagesUsed)

  const containers = raw.Containers ?? []
  const containerItems = containers.map((c) => ({ id: c.Id, name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''), size: known(c.SizeRw), reclaimable: !isRunning(c) }))
  const containerCat = category(
    containerItems,
    containerItems.reduce((n, c) => n + c.size, 0),
    containers.filter(isRunning).length,
  )

  const volumes = raw.Volumes ?? []
  const volumeItems = volumes.map((v) => ({ id: v.Name, name: v.Name, size: known(v.UsageData?.Size), reclaimable: v.UsageData?.RefCount === 0 }))
  const volumeCat = category(
    volumeItems,
    volumeItems.reduce((n, v) => n + v.size, 0),
    volumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length,
    volumes.filter((v) => (v.UsageData?.Size ?? -1) < 0).length,
  )

  const cache = raw.BuildCache ?? []
  // Shared records belong to other records too; the CLI counts them in neither figure.
  const cacheItems = cache.map((b) => ({ id: b.ID, name: b.Description || b.ID, size: b.Shared ? 0 : known(b.Size), reclaimable: !b.InUse }))
  const cacheCat = category(
    cacheItems,
    cacheItems.reduce((n, b) => n + b.size, 0),
    cache.filter((b) => b.InUse).length,
  )

  const cats = [imageCat, containerCat, volumeCat, cacheCat]
  return {
    images: imageCat,
    containers: containerCat,
    volumes: volumeCat,
    buildCache: cacheCat,
    total: cats.reduce((n, c) => n + c.total, 0),
    reclaimable: cats.reduce((n, c) => n + c.reclaimable, 0),
  }
}

/** `key` or `key=value`, as the engine's label filter takes it. */
export function hasLabel(labels: Record<string, string> | null | undefined, filter: string | null): boolean {
  return filter === null || matchesLabelFilter(labels, filter)
}

/** The df answer (plus networks) as the prune planner's inventory, limited to `label` when given. */
export function toInventory(raw: RawDf, networks: PruneInventory['networks'], apiVersion: string, label: string | null): PruneInventory {
  const images = raw.Images ?? []
  const parents = new Set(images.map((i) => i.ParentId).filter(Boolean))
  return {
    // Every container, labelled or not: an unlabelled one still keeps its image and volumes in use.
    containers: (raw.Containers ?? []).map((c) => ({
      id: c.Id,
      matches: hasLabel(c.Labels, label),
      name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
      running: isRunning(c),
      size: known(c.SizeRw),
      imageId: c.ImageID ?? '',
      volumes: (c.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name as string),
    })),
    images: images
      .filter((i) => hasLabel(i.Labels, label))
      .map((i) => ({ id: i.Id, name: imageName(i), unique: uniqueSize(i), tagged: (i.RepoTags ?? []).some((t) => t !== '<none>:<none>'), parent: parents.has(i.Id) })),
    volumes: (raw.Volumes ?? []).filter((v) => hasLabel(v.Labels, label)).map((v) => ({ name: v.Name, size: known(v.UsageData?.Size) })),
    networks,
    buildCache: label === null ? (raw.BuildCache ?? []).map((b) => ({ id: b.ID, description: b.Description ?? '', size: known(b.Size), inUse: b.InUse === true, shared: b.Shared === true })) : [],
    apiVersion,
    label,
  }
}
