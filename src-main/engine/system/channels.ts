import { defineDomain } from '../../channels/domain'
import type { DomainChannels } from '../../channels/types'
import type { EngineConnection } from '../connection'
import { NetworkService } from '../networks/service'
import { SystemService } from './service'

export function systemChannels({ system }: { system: SystemService }): DomainChannels<'system'> {
  return {
    requests: {
      'system:df': () => system.df(),
      'system:prune-inventory': (p) => system.inventory(p.label ?? null),
      'system:prune': (p) => system.prune(p.categories, p.label ?? null),
    },
    topics: {},
  }
}

export const systemDomain = defineDomain({
  name: 'system',
  // The clean-up plan asks which networks a prune would remove (the network service holds no state).
  create: ({ connection }: { connection: EngineConnection }) => {
    const system = new SystemService(connection, new NetworkService(connection))
    return { service: system, channels: systemChannels({ system }) }
  },
})
