import { defineDomain } from '../../channels/domain'
import type { DomainChannels } from '../../channels/types'
import type { EngineConnection } from '../connection'
import type { LiveFeed } from '../live/changes-source'
import { networkChangesSource } from './changes'
import { NetworkService } from './service'

export function networkChannels({ networks, liveFeed }: { networks: NetworkService; liveFeed: LiveFeed }): DomainChannels<'networks'> {
  return {
    requests: {
      'networks:list': () => networks.list(),
      'networks:inspect': (p) => networks.inspect(p.id),
      'networks:create': (p) => networks.create(p),
      'networks:remove': (p) => networks.remove(p.ids),
      'networks:connect': (p) => networks.connect(p.network, p.container, p.aliases),
      'networks:disconnect': (p) => networks.disconnect(p.network, p.container, p.force),
      'networks:prune-preview': () => networks.prunePreview(),
      'networks:prune': () => networks.prune(),
    },
    topics: {
      'networks:changes': () => ({ key: 'networks:changes', source: () => networkChangesSource(networks, liveFeed) }),
    },
  }
}

export const networksDomain = defineDomain({
  name: 'networks',
  create: ({ connection, liveFeed }: { connection: EngineConnection; liveFeed: LiveFeed }) => {
    const networks = new NetworkService(connection)
    return { service: networks, channels: networkChannels({ networks, liveFeed }) }
  },
})
