import type { buildRequests, buildTopics } from '../../../src-shared/contract/build'
import type { Services } from '../../services'
import type { HandlersOf, TopicBindingsOf } from '../handler-types'

export function buildHandlers(_s: Services): HandlersOf<typeof buildRequests> {
  return {}
}

export function buildTopicBindings(_s: Services): TopicBindingsOf<typeof buildTopics> {
  return {}
}
