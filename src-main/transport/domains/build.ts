import type { buildRequests, buildTopics } from '../../../src-shared/contract/build'
import type { Services } from '../../services'
import type { HandlersOf, TopicBindingsOf } from '../handler-types'

export function buildHandlers(s: Services): HandlersOf<typeof buildRequests> {
  return {
    'build:pick-folder': () => s.build.pickFolder(),
  }
}

export function buildTopicBindings(s: Services): TopicBindingsOf<typeof buildTopics> {
  return {
    // Every subscription is its own build (a fresh key); the last one leaving cancels it.
    'build:run': (p) => ({ key: s.build.newBuildKey(), source: () => s.build.source(p) }),
  }
}
