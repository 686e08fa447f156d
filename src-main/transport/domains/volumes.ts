import type { volumeRequests, volumeTopics } from '../../../src-shared/contract/volumes'
import type { Services } from '../../services'
import type { HandlersOf, TopicBindingsOf } from '../handler-types'

export function volumeHandlers(_s: Services): HandlersOf<typeof volumeRequests> {
  return {}
}

export function volumeTopicBindings(_s: Services): TopicBindingsOf<typeof volumeTopics> {
  return {}
}
