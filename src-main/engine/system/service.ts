import { BerthError } from '../../../src-shared/contract/errors'
import type { DiskUsage, PruneCategory, PruneInventory, PruneReport, PruneResult } from '../../../src-shared/disk-usage'
import { PRUNE_ORDER } from '../../../src-shared/prune-plan'
import type { EngineConnection } from '../connection'
import type { NetworkService } from '../networks/service'
import { summarizeDf, toInventory, type RawDf } from './df'

interface RawPrune {
  ContainersDeleted?: string[] | null
  ImagesDeleted?: { Deleted?: string; Untagged?: string }[] | null
  VolumesDeleted?: string[] | null
  NetworksDeleted?: string[] | null
  CachesDeleted?: string[] | null
  SpaceReclaimed?: number
}

/** `a.b` ≥ `x.y` for engine API versions. */
function apiAtLeast(version: string, min: string): boolean {
  const [a = 0, b = 0] = version.split('.').map(Number)
  const [x = 0, y = 0] = min.split('.').map(Number)
  return a > x || (a === x && b >= y)
}

/** Disk usage (`GET /system/df`) and the clean-up's prunes. */
export class SystemService {
  constructor(
    private readonly conn: EngineConnection,
    private readonly networks: NetworkService,
  ) {}

  async df(): Promise<DiskUsage> {
    return summarizeDf(await this.rawDf())
  }

  async inventory(label: string | null): Promise<PruneInventory> {
    const [raw, nets] = await Promise.all([this.rawDf(), this.networks.prunePreview(label)])
    const networks = nets.map((n) => ({ id: n.id, name: n.name, running: n.containers.filter((c) => c.running).length }))
    return toInventory(raw, networks, this.apiVersion(), label)
  }

  /** Runs the chosen prunes in PRUNE_ORDER; each reports what the engine says it removed and freed. */
  async prune(categories: PruneCategory[], label: string | null): Promise<PruneReport> {
    const chosen = new Set(categories)
    const results: PruneResult[] = []
    for (const category of PRUNE_ORDER) {
      if (!chosen.has(category)) continue
      // Unused includes dangling; running both would only run the second over nothing.
      if (category === 'images-dangling' && chosen.has('images-unused')) continue
      if (category === 'build-cache' && label !== null) {
        results.push({ category, deleted: [], spaceReclaimed: 0 })
        continue
      }
      try {
        results.push(toResult(category, await this.pruneOne(category, label)))
      } catch (err) {
        const e = err instanceof BerthError ? err : new BerthError('INTERNAL', String(err))
        if (e.code === 'ENGINE_UNREACHABLE') throw e
        results.push({ category, deleted: [], spaceReclaimed: 0, error: { code: e.code, message: e.message, details: e.details } })
      }
    }
    return { results, spaceReclaimed: results.reduce((n, r) => n + r.spaceReclaimed, 0) }
  }

  private pruneOne(category: PruneCategory, label: string | null): Promise<RawPrune> {
    const labels: Record<string, string[]> = label ? { label: [label] } : {}
    return this.conn.run((d) => {
      switch (category) {
        case 'containers':
          return d.pruneContainers({ filters: labels }) as Promise<RawPrune>
        case 'images-dangling':
          return d.pruneImages({ filters: { ...labels, dangling: ['true'] } }) as Promise<RawPrune>
        case 'images-unused':
          return d.pruneImages({ filters: { ...labels, dangling: ['false'] } }) as Promise<RawPrune>
        case 'volumes':
          // From API 1.42 the engine prunes only anonymous volumes unless told `all`; the preview lists named ones too.
          return d.pruneVolumes({ filters: { ...labels, ...(apiAtLeast(this.apiVersion(), '1.42') ? { all: ['true'] } : {}) } }) as Promise<RawPrune>
        case 'networks':
          return d.pruneNetworks({ filters: labels }) as Promise<RawPrune>
        case 'build-cache':
          return pruneBuildCache(d)
      }
    })
  }

  private apiVersion(): string {
    return this.conn.getStatus().info?.apiVersion ?? ''
  }

  private rawDf(): Promise<RawDf> {
    return this.conn.run(async (d) => (await d.df()) as RawDf)
  }
}

function pruneBuildCache(d: { modem: { dial(opts: object, cb: (err: unknown, data: unknown) => void): void } }): Promise<RawPrune> {
  // dockerode has no build-prune call; the modem speaks the same API.
  return new Promise((resolve, reject) =>
    d.modem.dial({ path: '/build/prune?', method: 'POST', options: {}, statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' } }, (err, data) =>
      err ? reject(err) : resolve((data ?? {}) as RawPrune),
    ),
  )
}

function toResult(category: PruneCategory, raw: RawPrune): PruneResult {
  const deleted =
    raw.ContainersDeleted ??
    raw.VolumesDeleted ??
    raw.NetworksDeleted ??
    raw.CachesDeleted ??
    (raw.ImagesDeleted ?? []).map((i) => i.Deleted ?? (i.Untagged ? `untagged ${i.Untagged}` : '')).filter(Boolean)
  return { category, deleted: deleted ?? [], spaceReclaimed: raw.SpaceReclaimed ?? 0 }
}
