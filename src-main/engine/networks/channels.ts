import type { DomainChannels } from '../../channels/types'
import type { NetworkService } from './service'

export function networkChannels({ networks }: { networks: NetworkService }): DomainChannels<'networks'> {
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
    topics: {},
  }
}
