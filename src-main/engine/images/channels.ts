import { defineDomain } from '../../channels/domain'
import type { DomainChannels } from '../../channels/types'
import type { RegistryAuthSource } from '../../registry/auth-source'
import type { EngineConnection } from '../connection'
import type { LiveFeed } from '../live/changes-source'
import { imageChangesSource } from './changes'
import { ImageService } from './service'

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

export const imagesDomain = defineDomain({
  name: 'images',
  // Pull and push read the registry credentials (Services.credentials) when they start.
  create: ({ connection, credentials, liveFeed }: { connection: EngineConnection; credentials: RegistryAuthSource; liveFeed: LiveFeed }) => {
    const images = new ImageService({ conn: connection, auth: credentials })
    return { service: images, channels: imageChannels({ images, liveFeed }) }
  },
})
