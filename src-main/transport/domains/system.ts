import type { systemRequests, systemTopics } from '../../../src-shared/contract/system'
import type { Services } from '../../services'
import type { HandlersOf, TopicBindingsOf } from '../handler-types'

export function systemHandlers(_s: Services): HandlersOf<typeof systemRequests> {
  return {}
}

export function systemTopicBindings(_s: Services): TopicBindingsOf<typeof systemTopics> {
  return {}
}
