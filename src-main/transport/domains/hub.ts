import type { hubRequests, hubTopics } from '../../../src-shared/contract/hub'
import type { Services } from '../../services'
import type { HandlersOf, TopicBindingsOf } from '../handler-types'

export function hubHandlers(_s: Services): HandlersOf<typeof hubRequests> {
  return {}
}

export function hubTopicBindings(_s: Services): TopicBindingsOf<typeof hubTopics> {
  return {}
}
