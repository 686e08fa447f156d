import type { registryRequests, registryTopics } from '../../../src-shared/contract/registries'
import type { Services } from '../../services'
import type { HandlersOf, TopicBindingsOf } from '../handler-types'

export function registryHandlers(_s: Services): HandlersOf<typeof registryRequests> {
  return {}
}

export function registryTopicBindings(_s: Services): TopicBindingsOf<typeof registryTopics> {
  return {}
}
