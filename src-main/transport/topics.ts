import type { MessageOf, ParsedTopicParamsOf, TopicName } from '../../src-shared/contract'
import type { Services } from '../services'
import { eventsSource } from '../engine/events'
import type { StreamSource } from '../streams/registry'

interface TopicBinding<M> {
  /** Subscribers with equal keys share one source. */
  key: string
  source: () => StreamSource<M>
}

type Topics = { [K in TopicName]: (params: ParsedTopicParamsOf<K>) => TopicBinding<MessageOf<K>> }

export function topicBindings(s: Services): Topics {
  return {
    engine: () => ({
      key: 'engine',
      source: () => ({
        initial: () => s.connection.getStatus(),
        open: (emit) => s.connection.onStatus(emit),
      }),
    }),
    events: () => ({ key: 'events', source: () => eventsSource(s.connection, s.containers) }),
  }
}
