import type { DomainChannels } from '../../channels/types'
import type { SystemService } from './service'

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
