import type { networkRequests, networkTopics } from '../../../src-shared/contract/networks'
import type { Services } from '../../services'
import type { HandlersOf, TopicBindingsOf } from '../handler-types'

export function networkHandlers(_s: Services): HandlersOf<typeof networkRequests> {
  return {}
}

export function networkTopicBindings(_s: Services): TopicBindingsOf<typeof networkTopics> {
  return {}
}
