import type { DomainChannels } from '../../channels/types'
import type { LiveFeed } from '../live/changes-source'
import { imageChangesSource } from './changes'
import type { ImageService } from './service'

export function imageChannels({ images, liveFeed }: { images: ImageService; liveFeed: LiveFeed }): DomainChannels<'images'> {
  return {
    requests: {
      'images:list': () => images.list(),
      'images:inspect': (p) => images.inspect(p.id),
      'images:remove': (p) => images.remove(p.id, p.force),
      'images:tag': (p) => images.tag(p.id, p.target),
      'images:prune-preview': (p) => images.prunePreview(p.mode, p.label),
      'images:prune': (p) => images.prune(p.mode, p.label),
      'images:cancel': (p) => images.cancelTransfer(p.transferId),
    },
    // Every subscription is its own transfer: a fresh id in the key, so nothing is shared and
    // unsubscribing cancels exactly that pull or push.
    topics: {
      'images:changes': () => ({ key: 'images:changes', source: () => imageChangesSource(images, liveFeed) }),
      'images:pull': (p) => {
        const id = images.newTransferId()
        const source = images.pullSource(p.reference, p.platform, id)
        return { key: `pull:${id}`, source: () => source }
      },
      'images:push': (p) => {
        const id = images.newTransferId()
        const source = images.pushSource(p.reference, id)
        return { key: `push:${id}`, source: () => source }
      },
    },
  }
}
