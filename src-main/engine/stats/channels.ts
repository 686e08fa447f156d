import { defineDomain } from '../../channels/domain'
import type { DomainChannels } from '../../channels/types'
import type { StreamRegistry } from '../../streams/registry'
import type { EngineConnection } from '../connection'
import { StatsService, type StatsServiceDeps } from './service'

export function statsChannels({ stats }: { stats: StatsService }): DomainChannels<'stats'> {
  return {
    requests: {
      'stats:top': ({ id, psArgs }) => stats.top(id, psArgs),
    },
    // Keyed by what is watched: views of the same container or the same rows share a source; all of
    // them share each container's engine stream through the stats hub's feeds.
    topics: {
      'stats:container': (p) => ({ key: `stats:view:${p.id}`, source: () => stats.view(p.id) }),
      'stats:snapshots': (p) => ({ key: `stats:snapshots:${[...new Set(p.ids)].sort().join(',')}`, source: () => stats.snapshots(p.ids) }),
      'stats:overview': () => ({ key: 'stats:overview', source: () => stats.overview() }),
    },
  }
}

export const statsDomain = defineDomain({
  name: 'stats',
  create: ({ connection, streams, onEngineEvent }: { connection: EngineConnection; streams: StreamRegistry; onEngineEvent: StatsServiceDeps['onContainerEvent'] }) => {
    const stats = new StatsService({ conn: connection, streams, onContainerEvent: onEngineEvent })
    return { service: stats, channels: statsChannels({ stats }), dispose: () => stats.dispose() }
  },
})
