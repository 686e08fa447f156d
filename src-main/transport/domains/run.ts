import type { runRequests, runTopics } from '../../../src-shared/contract/run'
import type { Services } from '../../services'
import type { HandlersOf, TopicBindingsOf } from '../handler-types'

export function runHandlers(s: Services): HandlersOf<typeof runRequests> {
  return {
    'run:start': (p) => s.run.run(p),
  }
}

export function runTopicBindings(_s: Services): TopicBindingsOf<typeof runTopics> {
  return {}
}
