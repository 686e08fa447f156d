import { defineDomain } from '../channels/domain'
import type { DomainChannels } from '../channels/types'
import type { EngineConnection } from './connection'
import type { ContainerService } from './containers'
import { EVENTS_KEY, eventsSource } from './events'

export function eventChannels({ connection, containers }: { connection: EngineConnection; containers: ContainerService }): DomainChannels<'events'> {
  return {
    requests: {},
    topics: {
      // One engine stream for every subscriber, the one Services.onEngineEvent listens to as well.
      'events:stream': () => ({ key: EVENTS_KEY, source: () => eventsSource(connection, containers) }),
    },
  }
}

export const eventsDomain = defineDomain({
  name: 'events',
  create: ({ connection, containers }: { connection: EngineConnection; containers: ContainerService }) => ({ channels: eventChannels({ connection, containers }) }),
})
