import type { systemRequests, systemTopics } from '../../../src-shared/contract/system'
import type { Services } from '../../services'
import type { HandlersOf, TopicBindingsOf } from '../handler-types'

export function systemHandlers(s: Services): HandlersOf<typeof systemRequests> {
  return {
    'system:df': () => s.system.df(),
    'system:prune-inventory': (p) => s.system.inventory(p.label ?? null),
    'system:prune': (p) => s.system.prune(p.categories, p.label ?? null),
  }
}

export function systemTopicBindings(_s: Services): TopicBindingsOf<typeof systemTopics> {
  return {}
}
