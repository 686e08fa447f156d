import { defineDomain } from '../channels/domain'
import type { DomainChannels } from '../channels/types'
import { containerChangesSource } from './container-changes'
import type { ContainerService } from './containers'
import type { LiveFeed } from './live/changes-source'

export function containerChannels({ containers, liveFeed }: { containers: ContainerService; liveFeed: LiveFeed }): DomainChannels<'containers'> {
  return {
    requests: {
      'containers:list': () => containers.list(),
      'containers:inspect': ({ id }) => containers.inspect(id),
      'containers:start': ({ id }) => containers.act(id, 'start'),
      'containers:stop': ({ id, timeoutSeconds }) => containers.act(id, 'stop', { timeoutSeconds }),
      'containers:restart': ({ id }) => containers.act(id, 'restart'),
      'containers:pause': ({ id }) => containers.act(id, 'pause'),
      'containers:unpause': ({ id }) => containers.act(id, 'unpause'),
      'containers:kill': ({ id, signal }) => containers.act(id, 'kill', { signal }),
      'containers:remove': ({ id, force, volumes }) => containers.remove(id, force, volumes),
    },
    topics: {
      'containers:changes': () => ({ key: 'containers:changes', source: () => containerChangesSource(containers, liveFeed) }),
    },
  }
}

export const containersDomain = defineDomain({
  name: 'containers',
  // The container service is part of the core: the shared events stream re-reads rows with it.
  create: ({ containers, liveFeed }: { containers: ContainerService; liveFeed: LiveFeed }) => ({ channels: containerChannels({ containers, liveFeed }) }),
})
