import type { imageRequests, imageTopics } from '../../../src-shared/contract/images'
import { imageChangesSource } from '../../engine/images/changes'
import type { Services } from '../../services'
import type { HandlersOf, TopicBindingsOf } from '../handler-types'

export function imageHandlers(s: Services): HandlersOf<typeof imageRequests> {
  return {
    'images:list': () => s.images.list(),
    'images:inspect': (p) => s.images.inspect(p.id),
    'images:remove': (p) => s.images.remove(p.id, p.force),
    'images:tag': (p) => s.images.tag(p.id, p.target),
    'images:prune-preview': (p) => s.images.prunePreview(p.mode, p.label),
    'images:prune': (p) => s.images.prune(p.mode, p.label),
    'images:cancel': (p) => s.images.cancelTransfer(p.transferId),
  }
}

export function imageTopicBindings(s: Services): TopicBindingsOf<typeof imageTopics> {
  return {
    'images:changes': () => ({ key: 'images:changes', source: () => imageChangesSource(s.images, s.liveFeed) }),
    // Every subscription is its own transfer: a fresh id in the key, so nothing is shared and
    // unsubscribing cancels exactly that pull or push.
    'images:pull': (p) => {
      const id = s.images.newTransferId()
      const source = s.images.pullSource(p.reference, p.platform, id)
      return { key: `pull:${id}`, source: () => source }
    },
    'images:push': (p) => {
      const id = s.images.newTransferId()
      const source = s.images.pushSource(p.reference, id)
      return { key: `push:${id}`, source: () => source }
    },
  }
}
