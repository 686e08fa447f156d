import { defineDomain } from '../../channels/domain'
import type { DomainChannels } from '../../channels/types'
import type { ServicesHost } from '../../exports/host'
import type { ExportTarget } from '../../exports/target'
import type { EngineConnection } from '../connection'
import { LogService } from './service'
import type { LogSourceDeps } from './source'

export function logChannels({ logs, exports }: { logs: LogService; exports: ExportTarget }): DomainChannels<'logs'> {
  return {
    requests: {
      'logs:read': (p) => logs.read(p),
      'logs:export': (p) => logs.export(p, exports),
      'logs:export-merged': (p) => logs.exportMerged(p, exports),
    },
    topics: {
      // Every parameter is in the key: only identical views share a stream (a late one gets the recent lines replayed).
      'logs:lines': (p) => ({
        key: `logs:${JSON.stringify([p.id, p.since ?? null, p.until ?? null, p.stdout, p.stderr, p.tail, p.follow])}`,
        source: () => logs.source(p),
      }),
    },
  }
}

export const logsDomain = defineDomain({
  name: 'logs',
  create: ({ connection, onEngineEvent, host }: { connection: EngineConnection; onEngineEvent: LogSourceDeps['onContainerEvent']; host: ServicesHost }) => {
    const logs = new LogService({ conn: connection, onContainerEvent: onEngineEvent })
    return { service: logs, channels: logChannels({ logs, exports: host.exports }) }
  },
})
