import type { ContainerRow } from '../../src-shared/contract/containers'
import type { EventBatch } from '../../src-shared/contract/events'
import type { RowPatch } from '../../src-shared/contract/live-list'
import type { StreamSource } from '../streams/registry'
import type { ContainerService } from './containers'
import { liveChangesSource, type LiveDomain, type LiveFeed } from './live/changes-source'

/**
 * Containers' live list: the events source already re-reads the rows an event batch touched
 * (until they agree with their events, see row-agreement.ts), so those patches are passed on
 * as they come, each one the answer to an event for its row. Only a reconnect lists again.
 */
export function containerLiveDomain(containers: ContainerService): LiveDomain<ContainerRow> {
  return {
    keyOf: (row) => row.id,
    list: () => containers.list(),
    touches: (batch: EventBatch) => batch.containers.length > 0,
    patchesOf: (batches): RowPatch<ContainerRow>[] => batches.flatMap((b) => b.containers.map((p) => ({ key: p.id, row: p.row }))),
    // Each batch is one burst already, gathered by the events source.
    batchMs: 0,
  }
}

export function containerChangesSource(containers: ContainerService, feed: LiveFeed): StreamSource<RowPatch<ContainerRow>[]> {
  return liveChangesSource(feed, containerLiveDomain(containers))
}
