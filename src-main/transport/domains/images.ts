import type { imageRequests, imageTopics } from '../../../src-shared/contract/images'
import type { Services } from '../../services'
import type { HandlersOf, TopicBindingsOf } from '../handler-types'

export function imageHandlers(_s: Services): HandlersOf<typeof imageRequests> {
  return {}
}

export function imageTopicBindings(_s: Services): TopicBindingsOf<typeof imageTopics> {
  return {}
}
