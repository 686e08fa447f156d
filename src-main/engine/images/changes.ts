import type { EngineEvent, EventBatch } from '../../../src-shared/contract/events'
import type { ImageRow } from '../../../src-shared/contract/images'
import type { RowPatch } from '../../../src-shared/contract/live-list'
import type { StreamSource } from '../../streams/registry'
import { liveChangesSource, type LiveDomain, type LiveFeed } from '../live/changes-source'
import type { ImageService } from './service'

// Image actions that only read an image.
const IMAGE_READS = new Set(['push', 'save'])

/** Whether an event can change an image row: an image pulled, tagged, untagged, loaded or deleted, or a container made or removed (its image's count). */
export function touchesImages(e: EngineEvent): boolean {
  if (e.type === 'image') return !IMAGE_READS.has(e.action)
  return e.type === 'container' && (e.action === 'create' || e.action === 'destroy')
}

/**
 * Images' live list re-lists and diffs: an event names an image by id or by reference, while
 * a row is one tag of it (deleting an image removes all its rows; a container made changes the
 * count on every row of its image), and the list is two engine calls.
 */
export function imageLiveDomain(images: ImageService): LiveDomain<ImageRow> {
  return {
    keyOf: (row) => row.key,
    list: () => images.list(),
    touches: (batch: EventBatch) => batch.events.some(touchesImages),
  }
}

export function imageChangesSource(images: ImageService, feed: LiveFeed): StreamSource<RowPatch<ImageRow>[]> {
  return liveChangesSource(feed, imageLiveDomain(images))
}
