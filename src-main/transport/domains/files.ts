import type { fileRequests, fileTopics } from '../../../src-shared/contract/files'
import type { Services } from '../../services'
import type { HandlersOf, TopicBindingsOf } from '../handler-types'

export function fileHandlers(_s: Services): HandlersOf<typeof fileRequests> {
  return {}
}

export function fileTopicBindings(_s: Services): TopicBindingsOf<typeof fileTopics> {
  return {}
}
