import type { buildRequests, buildTopics } from '../../../src-shared/contract/build'
import type { Services } from '../../services'
import type { HandlersOf, TopicBindingsOf } from '../handler-types'

export function buildHandlers(s: Services): HandlersOf<typeof buildRequests> {
  return {
    // Browser mode has no folder dialog: the page asks for a typed path instead.
    'build:pick-folder': async () => {
      if (s.host.kind !== 'dialogs') return { kind: 'unavailable' }
      const path = await s.host.folders.pickFolder()
      return path ? { kind: 'picked', path } : { kind: 'cancelled' }
    },
  }
}

export function buildTopicBindings(s: Services): TopicBindingsOf<typeof buildTopics> {
  return {
    // Every subscription is its own build (a fresh key); the last one leaving cancels it.
    'build:run': (p) => ({ key: s.build.newBuildKey(), source: () => s.build.source(p) }),
  }
}
