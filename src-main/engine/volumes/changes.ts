import type { EngineEvent, EventBatch } from '../../../src-shared/contract/events'
import type { RowPatch } from '../../../src-shared/contract/live-list'
import type { VolumeRow } from '../../../src-shared/contract/volumes'
import type { StreamSource } from '../../streams/registry'
import { liveChangesSource, type LiveDomain, type LiveFeed } from '../live/changes-source'
import { sameJson } from '../live/row-diff'
import type { VolumeService } from './service'

// Container actions that can change which volumes are in use (a rename changes the name shown).
const CONTAINER_ACTIONS = new Set(['create', 'destroy', 'rename'])

/** Whether an event can change a volume row (mount and unmount come with a user starting and stopping). */
export function touchesVolumes(e: EngineEvent): boolean {
  return e.type === 'volume' || (e.type === 'container' && CONTAINER_ACTIONS.has(e.action))
}

/** Two readings of a volume without their sizes: only a full list measures sizes, so a size alone is never news here. */
export function sameVolume(a: VolumeRow, b: VolumeRow): boolean {
  return sameJson({ ...a, size: null }, { ...b, size: null })
}

/**
 * Volumes' live list re-lists and diffs: a row's users come from every container's mounts, so
 * one container event can change several rows, and the list (volumes and containers, sizes from
 * the last disk-usage read; measuring is costly) costs what an inspect per touched volume did.
 */
export function volumeLiveDomain(volumes: VolumeService): LiveDomain<VolumeRow> {
  return {
    keyOf: (row) => row.name,
    list: () => volumes.listKnownSizes(),
    touches: (batch: EventBatch) => batch.events.some(touchesVolumes),
    same: sameVolume,
  }
}

export function volumeChangesSource(volumes: VolumeService, feed: LiveFeed): StreamSource<RowPatch<VolumeRow>[]> {
  return liveChangesSource(feed, volumeLiveDomain(volumes))
}
