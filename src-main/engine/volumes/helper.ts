import type Docker from 'dockerode'
import { BerthError } from '../../../src-shared/contract/errors'
import { HELPER_LABEL } from './rows'

/** Where a helper container mounts the volume it reads or writes. */
export const HELPER_MOUNT = '/berth-volume'
/** Where a clone's helper mounts the volume it copies from. */
export const HELPER_SOURCE_MOUNT = '/berth-source'
const HELPER_PURPOSE = 'volume-browse'

export interface HelperMount {
  volume: string
  target: string
  readOnly: boolean
}

interface RawImage {
  Id: string
  Size?: number
}

/** The smallest image present: a helper is created from it and never started, so what it contains does not matter. */
export function smallestImage(images: readonly RawImage[]): string | null {
  let best: RawImage | null = null
  for (const i of images) if (!best || (i.Size ?? Infinity) < (best.Size ?? Infinity)) best = i
  return best?.Id ?? null
}

function noImageError(): BerthError {
  return new BerthError(
    'NOT_FOUND',
    'No image is present on this engine. Berth reads and writes volumes through a container that is created but never started, and a container needs an image: pull a small one (such as busybox) and try again.',
    { reason: 'volume_no_image' },
  )
}

/** A helper older than this was left by a Berth that crashed or lost the engine: no transfer runs that long. */
export const STALE_HELPER_SECONDS = 6 * 3600
/** How often a Berth looks for such leftovers (before it creates a helper of its own). */
const SWEEP_EVERY_MS = 10 * 60 * 1000
let lastSweep = -Infinity

interface RawContainer {
  Id: string
  Created: number
  State?: string
  Labels?: Record<string, string>
}

/** Helpers left behind: labelled as ours, never started (a helper never is), and older than the limit. */
export function staleHelpers(containers: readonly RawContainer[], nowSeconds: number, maxAgeSeconds = STALE_HELPER_SECONDS): string[] {
  return containers.filter((c) => c.Labels?.[HELPER_LABEL] === HELPER_PURPOSE && c.State === 'created' && nowSeconds - c.Created > maxAgeSeconds).map((c) => c.Id)
}

/** Removes leftover helpers (they keep their volume "in use"); at most every few minutes, and never failing the caller. */
async function sweepStaleHelpers(docker: Docker): Promise<void> {
  if (Date.now() - lastSweep < SWEEP_EVERY_MS) return
  lastSweep = Date.now()
  try {
    const list = (await docker.listContainers({ all: true, filters: { label: [`${HELPER_LABEL}=${HELPER_PURPOSE}`] } })) as RawContainer[]
    for (const id of staleHelpers(list, Date.now() / 1000))
      await docker
        .getContainer(id)
        .remove({ force: true, v: true })
        .catch(() => undefined)
  } catch {
    // A failed look changes nothing; the next one comes later.
  }
}

/**
 * Runs `use` with a short-lived container that mounts the volumes and is created but never
 * started (the engine's archive API works on it as on any container). It is removed
 * afterwards, whatever happened: `v` also removes anonymous volumes an image's VOLUME made for
 * it, while volumes mounted by name are never removed with a container.
 */
export async function withHelper<T>(docker: Docker, mounts: readonly HelperMount[], use: (c: Docker.Container) => Promise<T>): Promise<T> {
  await sweepStaleHelpers(docker)
  const image = smallestImage((await docker.listImages()) as RawImage[])
  if (!image) throw noImageError()
  const container = await docker.createContainer({
    Image: image,
    // Never run: any command will do, and nothing in the image needs to exist.
    Entrypoint: ['/berth-never-started'],
    Cmd: [],
    NetworkDisabled: true,
    Labels: { [HELPER_LABEL]: HELPER_PURPOSE, 'berth.volume': mounts[0]?.volume ?? '' },
    HostConfig: {
      NetworkMode: 'none',
      Mounts: mounts.map((m) => ({ Type: 'volume' as const, Source: m.volume, Target: m.target, ReadOnly: m.readOnly })),
    },
  })
  try {
    return await use(container)
  } finally {
    await container.remove({ force: true, v: true }).catch((err: unknown) => {
      // The engine went away: the label lets a later look find it (tests list by it).
      console.warn(`berth: could not remove volume helper container ${container.id.slice(0, 12)}: ${(err as Error).message}`)
    })
  }
}
