import type Docker from 'dockerode'
import { BerthError } from '../../../src-shared/contract/errors'
import type { ImageDetail, ImageRemoved, ImageRow, ImageUser, ImagePruneMode, ImagePrunePreview, ImagePruneResult } from '../../../src-shared/contract/images'
import type { TransferCancelled, TransferMessage } from '../../../src-shared/contract/transfer'
import { parseImageReference, parseTagTarget, type ParsedReference } from '../../../src-shared/image-reference'
import type { RegistryAuthSource } from '../../registry/auth-source'
import type { StreamSource } from '../../streams/registry'
import type { EngineConnection } from '../connection'
import { toImageDetail } from './detail'
import { planImagePrune, type PlanImage } from './prune-plan'
import { toImageRows, usersByImage } from './rows'
import { TransferTable, transferSource } from './transfer'
import { subject } from '../subject'

/** A reference the user typed, or INVALID_INPUT with the grammar's reason and its specifics. */
function referenceOrThrow(parsed: ParsedReference, input: string) {
  if (parsed.ok) return parsed.value
  const { reason, message, params } = parsed.error
  throw new BerthError('INVALID_INPUT', message, { reason, input: input.slice(0, 300), ...params })
}

/** Images on the active engine: list, read, remove, tag, prune, and pull/push as streams. */
export class ImageService {
  readonly transfers = new TransferTable()

  constructor(private readonly deps: { conn: EngineConnection; auth: RegistryAuthSource }) {}

  async list(): Promise<ImageRow[]> {
    const [images, containers] = await this.deps.conn.run((d) => Promise.all([d.listImages(), d.listContainers({ all: true })]))
    return toImageRows(images, usersByImage(containers))
  }

  async inspect(ref: string): Promise<ImageDetail> {
    return this.deps.conn.run(
      async (d) => {
        const img = d.getImage(ref)
        const info = await img.inspect()
        const [history, users] = await Promise.all([img.history(), this.users(d, info.Id)])
        return toImageDetail(info, history, users)
      },
      subject('image', ref),
    )
  }

  /** Containers (any state) created from the image, by its full id. */
  private async users(d: Docker, imageId: string): Promise<ImageUser[]> {
    const all = await d.listContainers({ all: true })
    return all.filter((c) => c.ImageID === imageId).map((c) => ({ id: c.Id, name: (c.Names[0] ?? c.Id).replace(/^\//, ''), state: c.State }))
  }

  async remove(ref: string, force: boolean): Promise<ImageRemoved> {
    const d = this.deps.conn.client()
    const id = (await this.deps.conn.run((dd) => dd.getImage(ref).inspect(), subject('image', ref))).Id
    try {
      const items = (await this.deps.conn.run((dd) => dd.getImage(ref).remove({ force }) as Promise<Array<{ Untagged?: string; Deleted?: string }>>, subject('image', ref))) ?? []
      return { untagged: items.flatMap((i) => (i.Untagged ? [i.Untagged] : [])), deleted: items.flatMap((i) => (i.Deleted ? [i.Deleted] : [])) }
    } catch (err) {
      if (!(err instanceof BerthError) || err.code !== 'CONFLICT') throw err
      throw await this.removeConflict(d, ref, id, String(err.details?.engineMessage ?? err.message))
    }
  }

  /** A 409 from the engine, told with the names of the containers that use the image. */
  private async removeConflict(d: Docker, ref: string, id: string, engineSays: string): Promise<BerthError> {
    const users = await this.users(d, id).catch(() => [] as ImageUser[])
    const names = users.map((u) => u.name)
    const details = { ref, engineMessage: engineSays, containers: names.join(', '), count: names.length }
    if (users.length > 0) {
      const running = users.filter((u) => u.state === 'running' || u.state === 'paused' || u.state === 'restarting')
      if (running.length > 0 && /cannot be forced|running container/i.test(engineSays)) {
        return new BerthError(
          'CONFLICT',
          `Image “${ref}” is used by running container${running.length > 1 ? 's' : ''} ${running.map((u) => u.name).join(', ')}. Stop and remove ${running.length > 1 ? 'them' : 'it'} first.`,
          {
            ...details,
            containers: running.map((u) => u.name).join(', '),
            reason: 'image_in_use_running',
          },
        )
      }
      return new BerthError(
        'CONFLICT',
        `Image “${ref}” is used by container${names.length > 1 ? 's' : ''} ${names.join(', ')}. Remove ${names.length > 1 ? 'them' : 'it'} first, or remove with force (the image is then only untagged while ${names.length > 1 ? 'they exist' : 'it exists'}).`,
        {
          ...details,
          reason: 'image_in_use',
        },
      )
    }
    if (/referenced in multiple repositories/i.test(engineSays)) {
      return new BerthError('CONFLICT', `Image “${ref}” has several tags. Remove the tags one by one, or remove with force to delete them all.`, { ...details, reason: 'image_multiple_tags' })
    }
    if (/dependent child images/i.test(engineSays)) {
      return new BerthError('CONFLICT', `Image “${ref}” is the parent of other images; remove those first.`, { ...details, reason: 'image_has_children' })
    }
    return new BerthError('CONFLICT', `The engine refused to remove image “${ref}”: ${engineSays}`, { ...details, reason: 'image_remove_refused' })
  }

  async tag(ref: string, target: string): Promise<{ reference: string }> {
    const parsed = referenceOrThrow(parseTagTarget(target), target)
    await this.deps.conn.run((d) => d.getImage(ref).tag({ repo: parsed.repository, tag: parsed.tag ?? 'latest' }), subject('image', ref))
    return { reference: parsed.familiar }
  }

  async prunePreview(mode: ImagePruneMode, label?: string): Promise<ImagePrunePreview> {
    const items = await this.deps.conn.run(async (d) => {
      const [all, df, containers] = await Promise.all([d.listImages({ all: true }), d.df() as Promise<{ Images?: Docker.ImageInfo[] }>, d.listContainers({ all: true })])
      const unique = new Map((df.Images ?? []).map((i) => [i.Id, i.SharedSize >= 0 ? i.Size - i.SharedSize : i.Size]))
      const images: PlanImage[] = all.map((i) => ({
        id: i.Id,
        parentId: i.ParentId,
        tags: i.RepoTags ?? [],
        digests: (i.RepoDigests ?? []).filter((x) => !x.startsWith('<none>@')),
        labels: i.Labels ?? {},
        unique: unique.get(i.Id) ?? 0,
      }))
      return planImagePrune(images, new Set(containers.map((c) => c.ImageID)), mode, label)
    })
    return { mode, items, bytes: items.reduce((n, i) => n + i.size, 0) }
  }

  async prune(mode: ImagePruneMode, label?: string): Promise<ImagePruneResult> {
    const filters: Record<string, string[]> = { dangling: [mode === 'dangling' ? 'true' : 'false'] }
    if (label) filters.label = [label]
    const out = await this.deps.conn.run((d) => d.pruneImages({ filters }) as Promise<{ ImagesDeleted?: Array<{ Untagged?: string; Deleted?: string }> | null; SpaceReclaimed?: number }>)
    const items = out.ImagesDeleted ?? []
    return {
      mode,
      deleted: items.flatMap((i) => (i.Deleted ? [i.Deleted] : [])),
      untagged: items.flatMap((i) => (i.Untagged ? [i.Untagged] : [])),
      bytes: out.SpaceReclaimed ?? 0,
    }
  }

  newTransferId(): string {
    return TransferTable.newId()
  }

  pullSource(reference: string, platform: string | undefined, transferId: string): StreamSource<TransferMessage> {
    const parsed = referenceOrThrow(parseImageReference(reference), reference)
    return transferSource({ conn: this.deps.conn, auth: this.deps.auth, table: this.transfers }, { kind: 'pull', reference: parsed, ...(platform ? { platform } : {}) }, transferId)
  }

  pushSource(reference: string, transferId: string): StreamSource<TransferMessage> {
    const parsed = referenceOrThrow(parseImageReference(reference), reference)
    if (parsed.digest) throw new BerthError('INVALID_INPUT', 'Push a tag, not a digest: the registry computes the digest.', { reason: 'image_push_digest' })
    return transferSource({ conn: this.deps.conn, auth: this.deps.auth, table: this.transfers }, { kind: 'push', reference: parsed }, transferId)
  }

  cancelTransfer(transferId: string): TransferCancelled {
    return this.transfers.cancel(transferId)
  }
}
