import type Docker from 'dockerode'
import type { ImageRow } from '../../../src-shared/contract/images'

const NONE = '<none>'

/** Splits `repo:tag` at the colon after the last slash (a registry port is not a tag). */
export function splitRepoTag(repoTag: string): { repository: string; tag: string } {
  const colon = repoTag.lastIndexOf(':')
  if (colon > repoTag.lastIndexOf('/')) return { repository: repoTag.slice(0, colon), tag: repoTag.slice(colon + 1) }
  return { repository: repoTag, tag: 'latest' }
}

/** The tags an image really has (the engine says `<none>:<none>` for none on some versions). */
export function realTags(tags: readonly string[] | null | undefined): string[] {
  return (tags ?? []).filter((t) => t !== `${NONE}:${NONE}`)
}

/** How many containers (any state) use each image id. */
export function usersByImage(containers: ReadonlyArray<{ ImageID?: string }>): Map<string, number> {
  const out = new Map<string, number>()
  for (const c of containers) if (c.ImageID) out.set(c.ImageID, (out.get(c.ImageID) ?? 0) + 1)
  return out
}

/**
 * The Images screen's rows, as `docker images` shows them: one per repository:tag, and one
 * `<none>` row for an untagged image (its repository taken from a digest when it has one).
 */
export function toImageRows(images: readonly Docker.ImageInfo[], users: ReadonlyMap<string, number>): ImageRow[] {
  const rows: ImageRow[] = []
  for (const img of images) {
    const tags = realTags(img.RepoTags)
    const digests = (img.RepoDigests ?? []).filter((d) => !d.startsWith(`${NONE}@`))
    const base = { id: img.Id, digests, size: img.Size, created: img.Created, containers: users.get(img.Id) ?? 0 }
    if (tags.length === 0) {
      const fromDigest = digests[0] ? digests[0].slice(0, digests[0].indexOf('@')) : null
      rows.push({ ...base, key: `${img.Id} ${NONE}`, repository: fromDigest, tag: null, dangling: true })
      continue
    }
    for (const t of tags) {
      const { repository, tag } = splitRepoTag(t)
      rows.push({ ...base, key: `${img.Id} ${t}`, repository, tag, dangling: false })
    }
  }
  return rows
}
