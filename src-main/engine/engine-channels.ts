import { defineDomain } from '../channels/domain'
import type { DomainChannels } from '../channels/types'
import type { EngineConnection } from './connection'
import type { KnownEngines } from './known-engines'

export function engineChannels({ connection, engines }: { connection: EngineConnection; engines: KnownEngines }): DomainChannels<'engine'> {
  return {
    requests: {
      'engine:status': () => connection.getStatus(),
      'engine:endpoints': () => engines.list(),
      'engine:select': ({ id }) => engines.select(id),
      'engine:add': ({ url, name, tlsDir }) => engines.add(url, name, tlsDir),
      'engine:forget': ({ id }) => engines.forget(id),
      'engine:retry': () => connection.retryNow(),
    },
    topics: {
      'engine:state': () => ({
        key: 'engine',
        source: () => ({
          initial: () => connection.getStatus(),
          open: (emit) => connection.onStatus(emit),
        }),
      }),
    },
  }
}

export const engineDomain = defineDomain({
  name: 'engine',
  create: ({ connection, engines }: { connection: EngineConnection; engines: KnownEngines }) => ({ channels: engineChannels({ connection, engines }) }),
})
