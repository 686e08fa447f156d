import type { MessageOf, ParsedTopicParamsOf, TopicName } from '../../src-shared/contract'
import type { Services } from '../services'
import { EVENTS_KEY, eventsSource } from '../engine/events'
import { containerChangesSource } from '../engine/container-changes'
import type { TopicBinding } from './handler-types'
import { imageTopicBindings } from './domains/images'
import { hubTopicBindings } from './domains/hub'
import { registryTopicBindings } from './domains/registries'
import { runTopicBindings } from './domains/run'
import { buildTopicBindings } from './domains/build'
import { volumeTopicBindings } from './domains/volumes'
import { networkTopicBindings } from './domains/networks'
import { fileTopicBindings } from './domains/files'
import { systemTopicBindings } from './domains/system'

type Topics = { [K in TopicName]: (params: ParsedTopicParamsOf<K>) => TopicBinding<MessageOf<K>> }

export function topicBindings(s: Services): Topics {
  return {
    'engine:state': () => ({
      key: 'engine',
      source: () => ({
        initial: () => s.connection.getStatus(),
        open: (emit) => s.connection.onStatus(emit),
      }),
    }),
    'events:stream': () => ({ key: EVENTS_KEY, source: () => eventsSource(s.connection, s.containers) }),
    'containers:changes': () => ({ key: 'containers:changes', source: () => containerChangesSource(s.containers, s.liveFeed) }),
    // Every parameter is in the key: only identical views share a stream (a late one gets the recent lines replayed).
    'logs:lines': (p) => ({
      key: `logs:${JSON.stringify([p.id, p.since ?? null, p.until ?? null, p.stdout, p.stderr, p.tail, p.follow])}`,
      source: () => s.logs.source(p),
    }),
    // Keyed by what is watched: views of the same container or the same rows share a source; all of
    // them share each container's engine stream through the stats hub's feeds.
    'stats:container': (p) => ({ key: `stats:view:${p.id}`, source: () => s.stats.view(p.id) }),
    'stats:snapshots': (p) => ({ key: `stats:snapshots:${[...new Set(p.ids)].sort().join(',')}`, source: () => s.stats.snapshots(p.ids) }),
    'stats:overview': () => ({ key: 'stats:overview', source: () => s.stats.overview() }),
    // Every subscription is its own session: its key holds a fresh random session id, so nothing is shared.
    'exec:session': (p) => {
      const sessionId = s.exec.newSessionId()
      return { key: `exec:${sessionId}`, source: () => s.exec.source(p, sessionId) }
    },
    ...imageTopicBindings(s),
    ...hubTopicBindings(s),
    ...registryTopicBindings(s),
    ...runTopicBindings(s),
    ...buildTopicBindings(s),
    ...volumeTopicBindings(s),
    ...networkTopicBindings(s),
    ...fileTopicBindings(s),
    ...systemTopicBindings(s),
  }
}
