import type { EngineEvent, EventBatch } from '../../../src-shared/contract/events'
import type { RowPatch } from '../../../src-shared/contract/live-list'
import type { NetworkRow } from '../../../src-shared/contract/networks'
import type { StreamSource } from '../../streams/registry'
import { liveChangesSource, type LiveDomain, type LiveFeed } from '../live/changes-source'
import type { NetworkService } from './service'

// Container actions that change what a network row shows: its containers, their names, whether they run, their addresses.
const CONTAINER_ACTIONS = new Set(['create', 'start', 'die', 'destroy', 'rename'])

/** Whether an event can change a network row. */
export function touchesNetworks(e: EngineEvent): boolean {
  return e.type === 'network' || (e.type === 'container' && CONTAINER_ACTIONS.has(e.action))
}

/**
 * Networks' live list re-lists and diffs: a row holds its containers' names, states and
 * addresses, so one container event changes every network it is on, and the list is two
 * engine calls (networks and containers), cheaper than an inspect per network.
 */
export function networkLiveDomain(networks: NetworkService): LiveDomain<NetworkRow> {
  return {
    keyOf: (row) => row.id,
    list: () => networks.list(),
    touches: (batch: EventBatch) => batch.events.some(touchesNetworks),
  }
}

export function networkChangesSource(networks: NetworkService, feed: LiveFeed): StreamSource<RowPatch<NetworkRow>[]> {
  return liveChangesSource(feed, networkLiveDomain(networks))
}
