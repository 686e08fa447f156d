import type { DomainChannels } from '../channels/types'
import type { HubClient } from './client'

export function hubChannels({ hub }: { hub: HubClient }): DomainChannels<'hub'> {
  return {
    requests: {
      'hub:search': (p) => hub.search(p),
      'hub:repository': (p) => hub.repository(p.namespace, p.name),
      'hub:tags': (p) => hub.tags(p.namespace, p.name, p.page, p.pageSize),
    },
    topics: {},
  }
}
