import { defineDomain } from '../channels/domain'
import type { DomainChannels } from '../channels/types'
import { HubClient, searchEndpointOf } from './client'

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

export const hubDomain = defineDomain({
  name: 'hub',
  // Docker Hub's API base URL: the hubUrl option (tests point it at a fixture), else $BERTH_HUB_URL, else hub.docker.com.
  create: ({ env, hubUrl }: { env: Record<string, string | undefined>; hubUrl: string | undefined }) => {
    const hub = new HubClient({ baseUrl: hubUrl ?? (env.BERTH_HUB_URL || undefined), search: searchEndpointOf(env.BERTH_HUB_SEARCH) })
    return { service: hub, channels: hubChannels({ hub }) }
  },
})
