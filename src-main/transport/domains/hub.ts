import type { hubRequests, hubTopics } from '../../../src-shared/contract/hub'
import type { Services } from '../../services'
import type { HandlersOf, TopicBindingsOf } from '../handler-types'

export function hubHandlers(s: Services): HandlersOf<typeof hubRequests> {
  return {
    'hub:search': (p) => s.hub.search(p),
    'hub:repository': (p) => s.hub.repository(p.namespace, p.name),
    'hub:tags': (p) => s.hub.tags(p.namespace, p.name, p.page, p.pageSize),
  }
}

export function hubTopicBindings(_s: Services): TopicBindingsOf<typeof hubTopics> {
  return {}
}
