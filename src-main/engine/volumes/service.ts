import { posix } from 'node:path'
import type { Readable } from 'node:stream'
import type Docker from 'dockerode'
import { BerthError } from '../../../src-shared/contract/errors'
import { VOLUME_VIEW_MAX_BYTES, type VolumeFileText, type VolumeListing, type VolumePrunePreview, type VolumePruneReport, type VolumeRow, type VolumeUser } from '../../../src-shared/contract/volumes'
import type { ExportFile } from '../../exports/target'
import type { EngineConnection } from '../connection'
import { decodeText, readFirstEntry } from './file-text'
import { HELPER_MOUNT, HELPER_SOURCE_MOUNT, withHelper } from './helper'
import { readListing } from './listing'
import { statPath } from './path-stat'
import { ProgressHub } from './progress'
import { prunePreview } from './prune-plan'
import { toVolumeRow, usageSize, usersByVolume, type RawContainerMounts, type RawVolume } from './rows'
import { importError } from './import-errors'
import { archiveHasEntries, countingStream, pipeCounting, pipeFirstEntry } from './transfer'
import { subject } from '../subject'

/** How much of a folder's archive a listing reads before it stops (the archive carries the whole subtree). */
const LIST_BUDGET_BYTES = 256 * 1024 ** 2

export interface CreateVolume {
  name?: string
  driver: string
  driverOpts: Record<string, string>
  labels: Record<string, string>
}

/** Volumes on the active engine: rows with sizes and users, create/remove/prune, and their files through helper containers. */
export class VolumeService {
  readonly progress = new ProgressHub()
  // Sizes from the last disk-usage read: measuring is costly, so patches reuse them.
  private readonly sizes = new Map<string, number | null>()

  constructor(
    private readonly conn: EngineConnection,
    private readonly budgetBytes = LIST_BUDGET_BYTES,
  ) {}

  async list(): Promise<VolumeRow[]> {
    return this.conn.run(async (d) => {
      const [vols, containers, df] = await Promise.all([
        listVolumes(d),
        d.listContainers({ all: true }) as Promise<RawContainerMounts[]>,
        // Sizes are a nicety: a disk-usage failure leaves them unknown, not the list empty.
        (d.df() as Promise<{ Volumes?: RawVolume[] | null }>).catch(() => null),
      ])
      if (df) {
        this.sizes.clear()
        for (const v of df.Volumes ?? []) this.sizes.set(v.Name, usageSize(v))
      }
      return this.toRows(vols, containers)
    })
  }

  /** Every row with the sizes of the last disk-usage read: the change feed lists often, and measuring is costly. */
  async listKnownSizes(): Promise<VolumeRow[]> {
    return this.conn.run(async (d) => {
      const [vols, containers] = await Promise.all([listVolumes(d), d.listContainers({ all: true }) as Promise<RawContainerMounts[]>])
      return this.toRows(vols, containers)
    })
  }

  private toRows(vols: readonly RawVolume[], containers: readonly RawContainerMounts[]): VolumeRow[] {
    const users = usersByVolume(containers)
    return vols.map((v) => toVolumeRow(v, this.sizes.get(v.Name) ?? null, users.get(v.Name) ?? []))
  }

  async create(req: CreateVolume): Promise<VolumeRow> {
    return this.conn.run(
      async (d) => {
        // The engine answers a taken name with the existing volume; Berth says so instead.
        if (req.name && (await inspectVolume(d, req.name))) {
          throw new BerthError('CONFLICT', `A volume named “${req.name}” exists already. Pick another name.`, { reason: 'volume_exists', name: req.name })
        }
        let created: RawVolume
        try {
          // dockerode answers with a handle, not the engine's document: read it back.
          const handle = await d.createVolume({ Name: req.name ?? '', Driver: req.driver, DriverOpts: req.driverOpts, Labels: req.labels })
          created = (await handle.inspect()) as RawVolume
        } catch (err) {
          const says = (err as { message?: string }).message ?? ''
          if (/plugin .*not found|error looking up volume plugin/i.test(says)) {
            throw new BerthError('INVALID_INPUT', `The engine has no volume driver “${req.driver}”. Install its plugin, or use local.`, { reason: 'volume_driver_unknown', driver: req.driver })
          }
          throw err
        }
        this.sizes.set(created.Name, 0)
        return toVolumeRow(created, 0, [])
      },
      subject('volume', req.name ?? 'new'),
    )
  }

  async remove(name: string): Promise<void> {
    return this.conn.run(
      async (d) => {
        try {
          await d.getVolume(name).remove()
        } catch (err) {
          if ((err as { statusCode?: number }).statusCode !== 409) throw err
          throw inUse(name, await this.users(d, name))
        }
        this.sizes.delete(name)
      },
      subject('volume', name),
    )
  }

  async prunePreview(includeNamed: boolean): Promise<VolumePrunePreview> {
    return prunePreview(await this.list(), includeNamed)
  }

  /** Removes the named volumes that are still unused, one by one: exactly what the preview listed, never more. */
  async prune(names: readonly string[]): Promise<VolumePruneReport> {
    const report: VolumePruneReport = { removed: [], skipped: [], bytes: 0 }
    for (const name of new Set(names)) {
      const size = this.sizes.get(name) ?? null
      try {
        await this.conn.run(
          async (d) => {
            const users = await this.users(d, name)
            if (users.length > 0) throw inUse(name, users)
            await d.getVolume(name).remove()
          },
          subject('volume', name),
        )
        this.sizes.delete(name)
        report.removed.push({ name, size })
        report.bytes += size ?? 0
      } catch (err) {
        if (err instanceof BerthError && err.code === 'ENGINE_UNREACHABLE') throw err
        report.skipped.push({ name, message: err instanceof Error ? err.message : String(err) })
      }
    }
    return report
  }

  async browse(name: string, path: string): Promise<VolumeListing> {
    return this.onVolume(name, false, async (c) => {
      await this.mustBe(c, name, path, 'dir')
      const archive = (await c.getArchive({ path: `${inHelper(path)}/.` })) as Readable
      return { volume: name, path, ...(await readListing(archive, this.budgetBytes)) }
    })
  }

  async readFile(name: string, path: string): Promise<VolumeFileText> {
    return this.onVolume(name, false, async (c) => {
      await this.mustBe(c, name, path, 'file')
      const entry = await readFirstEntry((await c.getArchive({ path: inHelper(path) })) as Readable, VOLUME_VIEW_MAX_BYTES)
      const size = entry?.header.size ?? 0
      const text = entry ? decodeText(entry.bytes) : ''
      return { volume: name, path, size, text, binary: text === null, truncated: entry?.truncated ?? false }
    })
  }

  /** A file of the volume as a download; its helper container lives while the bytes are written. */
  async downloadFile(name: string, path: string): Promise<ExportFile> {
    await this.onVolume(name, false, (c) => this.mustBe(c, name, path, 'file'))
    return {
      suggestedName: posix.basename(path),
      contentType: 'application/octet-stream',
      writeTo: (out) => this.onVolume(name, false, async (c) => pipeFirstEntry((await c.getArchive({ path: inHelper(path) })) as Readable, out, this.progress.reporter(undefined, null))),
    }
  }

  /** The whole volume as a .tar (names relative to its root, as `tar -C <volume> -c .` writes them), streamed. */
  async exportFile(name: string, progressToken?: string): Promise<ExportFile> {
    await this.mustExist(name)
    return {
      suggestedName: `${name}.tar`,
      contentType: 'application/x-tar',
      writeTo: async (out) => {
        const progress = this.progress.reporter(progressToken, this.sizes.get(name) ?? null)
        const bytes = await this.onVolume(name, false, async (c) => pipeCounting((await c.getArchive({ path: `${HELPER_MOUNT}/.` })) as Readable, out, progress))
        progress.done()
        return bytes
      },
    }
  }

  /** Refuses an import before any bytes move: a new volume's name taken, an existing one missing, or not empty without consent. */
  async checkImport(name: string, create: boolean, overwrite: boolean): Promise<void> {
    if (create) {
      if (await this.conn.run((d) => inspectVolume(d, name), subject('volume', name))) {
        throw new BerthError('CONFLICT', `A volume named “${name}” exists already. Pick another name, or import into it.`, { reason: 'volume_exists', name })
      }
      return
    }
    await this.mustExist(name)
    if (overwrite) return
    const full = await this.onVolume(name, false, async (c) => archiveHasEntries((await c.getArchive({ path: `${HELPER_MOUNT}/.` })) as Readable))
    if (full) {
      throw new BerthError('CONFLICT', `The volume “${name}” is not empty. Importing would replace files with the same names (others stay). Confirm to go on.`, { reason: 'volume_not_empty', name })
    }
  }

  /** Reads a .tar (of `size` bytes, when known) into the volume (made first when `create`; removed again if the import fails). */
  async importTar(name: string, create: boolean, overwrite: boolean, source: Readable, progressToken?: string, size: number | null = null): Promise<{ volume: string; bytes: number }> {
    await this.checkImport(name, create, overwrite)
    if (create) await this.create({ name, driver: 'local', driverOpts: {}, labels: {} })
    const progress = this.progress.reporter(progressToken, size)
    try {
      const counted = countingStream(progress)
      source.on('error', (err) => counted.destroy(err))
      await this.onVolume(name, true, (c) => c.putArchive(source.pipe(counted), { path: HELPER_MOUNT }))
      progress.done()
      return { volume: name, bytes: counted.bytes }
    } catch (err) {
      if (create) await this.conn.run((d) => d.getVolume(name).remove()).catch(() => undefined)
      throw importError(name, create, err)
    }
  }

  /** A new volume `target` holding a copy of `name`'s files: one helper mounts both and pipes one archive into the other. */
  async clone(name: string, target: string, progressToken?: string): Promise<VolumeRow> {
    const source = await this.mustExist(name)
    await this.checkImport(target, true, false)
    const row = await this.create({ name: target, driver: source.Driver ?? 'local', driverOpts: {}, labels: source.Labels ?? {} })
    const progress = this.progress.reporter(progressToken, this.sizes.get(name) ?? null)
    try {
      const mounts = [
        { volume: target, target: HELPER_MOUNT, readOnly: false },
        { volume: name, target: HELPER_SOURCE_MOUNT, readOnly: true },
      ]
      await this.conn.run(
        (d) =>
          withHelper(d, mounts, async (c) => {
            const archive = (await c.getArchive({ path: `${HELPER_SOURCE_MOUNT}/.` })) as Readable
            const counted = countingStream(progress)
            archive.on('error', (err) => counted.destroy(err))
            await c.putArchive(archive.pipe(counted), { path: HELPER_MOUNT })
          }),
        subject('volume', name),
      )
      progress.done()
      this.sizes.set(target, this.sizes.get(name) ?? null)
      return { ...row, size: this.sizes.get(target) ?? null }
    } catch (err) {
      await this.conn.run((d) => d.getVolume(target).remove()).catch(() => undefined)
      throw err
    }
  }

  private async onVolume<T>(name: string, writable: boolean, use: (c: Docker.Container) => Promise<T>): Promise<T> {
    return this.conn.run(
      async (d) => {
        if (!(await inspectVolume(d, name))) throw notFound(name)
        return withHelper(d, [{ volume: name, target: HELPER_MOUNT, readOnly: !writable }], use)
      },
      subject('volume', name),
    )
  }

  private async mustExist(name: string): Promise<RawVolume> {
    const raw = await this.conn.run((d) => inspectVolume(d, name), subject('volume', name))
    if (!raw) throw notFound(name)
    return raw
  }

  private async mustBe(c: Docker.Container, name: string, path: string, kind: 'dir' | 'file'): Promise<void> {
    await this.noLinkOnTheWay(c, name, path)
    const st = await statPath(c, inHelper(path))
    if (!st) throw new BerthError('NOT_FOUND', `${path} does not exist in the volume “${name}”.`, { reason: 'volume_no_such_path', name, path })
    if (st.kind === kind) return
    if (kind === 'dir') throw new BerthError('CONFLICT', `${path} in the volume “${name}” is not a folder.`, { reason: 'volume_not_folder', name, path })
    throw new BerthError('CONFLICT', `${path} in the volume “${name}” is ${st.kind === 'dir' ? 'a folder' : `a link to ${st.linkTarget}`}, not a file.`, { reason: 'volume_not_file', name, path })
  }

  /**
   * The engine resolves links inside the helper container, so a folder on the way that is a link
   * (to /etc, say) would show the helper image's files as the volume's. Checked from the top,
   * so each step is the volume's own.
   */
  private async noLinkOnTheWay(c: Docker.Container, name: string, path: string): Promise<void> {
    const parts = path.split('/').filter(Boolean)
    for (let i = 1; i < parts.length; i++) {
      const step = `/${parts.slice(0, i).join('/')}`
      const st = await statPath(c, inHelper(step))
      if (st?.kind === 'symlink') {
        throw new BerthError('CONFLICT', `${step} in the volume “${name}” is a link to ${st.linkTarget}. Berth shows the volume’s own files only, and a link can lead outside it.`, {
          reason: 'volume_path_link',
          name,
          path: step,
          target: st.linkTarget,
        })
      }
    }
  }

  private async users(d: Docker, name: string): Promise<VolumeUser[]> {
    const containers = (await d.listContainers({ all: true, filters: { volume: [name] } })) as RawContainerMounts[]
    return usersByVolume(containers).get(name) ?? []
  }
}

function inHelper(path: string): string {
  return path === '/' ? HELPER_MOUNT : `${HELPER_MOUNT}${path}`
}

async function listVolumes(d: Docker): Promise<RawVolume[]> {
  const out = (await d.listVolumes()) as { Volumes?: RawVolume[] | null }
  return out.Volumes ?? []
}

async function inspectVolume(d: Docker, name: string): Promise<RawVolume | null> {
  try {
    return (await d.getVolume(name).inspect()) as RawVolume
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null
    throw err
  }
}

function notFound(name: string): BerthError {
  return new BerthError('NOT_FOUND', `There is no volume “${name}” on this engine; it may have been removed.`, { reason: 'volume_not_found', name })
}

function inUse(name: string, users: VolumeUser[]): BerthError {
  const names = users.map((u) => u.name)
  const list = names.length > 0 ? names.join(', ') : 'a container'
  return new BerthError('CONFLICT', `The volume “${name}” is in use by ${list}. Remove ${names.length > 1 ? 'those containers' : 'that container'} first.`, {
    reason: 'volume_in_use',
    name,
    containers: names,
    containerList: list,
  })
}
