import { createReadStream } from 'node:fs'
import { BerthError } from '../../../src-shared/contract/errors'
import { defineDomain } from '../../channels/domain'
import type { DomainChannels } from '../../channels/types'
import type { ServicesHost } from '../../exports/host'
import type { EngineConnection } from '../connection'
import type { LiveFeed } from '../live/changes-source'
import { volumeChangesSource } from './changes'
import { VolumeService } from './service'

export interface VolumeChannelsDeps {
  volumes: VolumeService
  /** The shared engine events and the connection, which the `volumes:changes` rows follow. */
  liveFeed: LiveFeed
  host: ServicesHost
}

export function volumeChannels({ volumes, liveFeed, host }: VolumeChannelsDeps): DomainChannels<'volumes'> {
  return {
    requests: {
      'volumes:list': () => volumes.list(),
      'volumes:create': (p) => volumes.create(p),
      'volumes:remove': (p) => volumes.remove(p.name),
      'volumes:prune-preview': (p) => volumes.prunePreview(p.includeNamed),
      'volumes:prune': (p) => volumes.prune(p.names),
      'volumes:browse': (p) => volumes.browse(p.name, p.path),
      'volumes:read-file': (p) => volumes.readFile(p.name, p.path),
      'volumes:download-file': async (p) => host.exports.deliver(await volumes.downloadFile(p.name, p.path)),
      'volumes:export': async (p) => host.exports.deliver(await volumes.exportFile(p.name, p.progress)),
      'volumes:import': async (p) => {
        // Refused before a file is picked or a byte is sent: a taken name, a missing volume, a full one without consent.
        await volumes.checkImport(p.name, p.create, p.overwrite)
        if (host.kind === 'dialogs') {
          const picked = await host.files.pick()
          if (!picked) return { kind: 'cancelled' }
          return { kind: 'imported', ...(await volumes.importTar(p.name, p.create, p.overwrite, createReadStream(picked.path), p.progress, picked.size)) }
        }
        const size = p.size
        if (size === undefined) throw new BerthError('INVALID_INPUT', 'Choose the .tar file to import first.', { reason: 'volume_import_no_file' })
        const url = host.uploads.offer({
          name: `${p.name}.tar`,
          size,
          receive: (body) => volumes.importTar(p.name, p.create, p.overwrite, body, p.progress, size),
        })
        return { kind: 'upload', url }
      },
      'volumes:clone': (p) => volumes.clone(p.name, p.target, p.progress),
    },
    topics: {
      'volumes:changes': () => ({ key: 'volumes:changes', source: () => volumeChangesSource(volumes, liveFeed) }),
      // Keyed by the page's random token: only the page that started a transfer follows it.
      'volumes:progress': (p) => ({ key: `volumes:progress:${p.token}`, source: () => volumes.progress.source(p.token) }),
    },
  }
}

export const volumesDomain = defineDomain({
  name: 'volumes',
  create: ({ connection, liveFeed, host }: { connection: EngineConnection; liveFeed: LiveFeed; host: ServicesHost }) => {
    const volumes = new VolumeService(connection)
    return { service: volumes, channels: volumeChannels({ volumes, liveFeed, host }) }
  },
})
