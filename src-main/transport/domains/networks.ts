import type { networkRequests, networkTopics } from '../../../src-shared/contract/networks'
import { networkChangesSource } from '../../engine/networks/changes'
import type { Services } from '../../services'
import type { HandlersOf, TopicBindingsOf } from '../handler-types'

export function networkHandlers(s: Services): HandlersOf<typeof networkRequests> {
  return {
    'networks:list': () => s.networks.list(),
    'networks:inspect': (p) => s.networks.inspect(p.id),
    'networks:create': (p) => s.networks.create(p),
    'networks:remove': (p) => s.networks.remove(p.ids),
    'networks:connect': (p) => s.networks.connect(p.network, p.container, p.aliases),
    'networks:disconnect': (p) => s.networks.disconnect(p.network, p.container, p.force),
    'networks:prune-preview': () => s.networks.prunePreview(),
    'networks:prune': () => s.networks.prune(),
  }
}

export function networkTopicBindings(s: Services): TopicBindingsOf<typeof networkTopics> {
  return {
    'networks:changes': () => ({ key: 'networks:changes', source: () => networkChangesSource(s.networks, s.liveFeed) }),
  }
}
