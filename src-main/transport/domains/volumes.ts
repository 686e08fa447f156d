import { createReadStream } from 'node:fs'
import { BerthError } from '../../../src-shared/contract/errors'
import type { volumeRequests, volumeTopics } from '../../../src-shared/contract/volumes'
import { volumeChangesSource } from '../../engine/volumes/changes'
import type { ExportFile } from '../../exports/target'
import type { Services } from '../../services'
import type { HandlersOf, TopicBindingsOf } from '../handler-types'

export function volumeHandlers(s: Services): HandlersOf<typeof volumeRequests> {
  const deliver = (file: ExportFile) => s.host.exports.deliver(file)
  return {
    'volumes:list': () => s.volumes.list(),
    'volumes:create': (p) => s.volumes.create(p),
    'volumes:remove': (p) => s.volumes.remove(p.name),
    'volumes:prune-preview': (p) => s.volumes.prunePreview(p.includeNamed),
    'volumes:prune': (p) => s.volumes.prune(p.names),
    'volumes:browse': (p) => s.volumes.browse(p.name, p.path),
    'volumes:read-file': (p) => s.volumes.readFile(p.name, p.path),
    'volumes:download-file': async (p) => deliver(await s.volumes.downloadFile(p.name, p.path)),
    'volumes:export': async (p) => deliver(await s.volumes.exportFile(p.name, p.progress)),
    'volumes:import': async (p) => {
      // Refused before a file is picked or a byte is sent: a taken name, a missing volume, a full one without consent.
      await s.volumes.checkImport(p.name, p.create, p.overwrite)
      if (s.host.kind === 'dialogs') {
        const picked = await s.host.files.pick()
        if (!picked) return { kind: 'cancelled' }
        return { kind: 'imported', ...(await s.volumes.importTar(p.name, p.create, p.overwrite, createReadStream(picked.path), p.progress, picked.size)) }
      }
      if (p.size === undefined) {
        throw new BerthError('INVALID_INPUT', 'Choose the .tar file to import first.', { reason: 'volume_import_no_file' })
      }
      const url = s.host.uploads.offer({
        name: `${p.name}.tar`,
        size: p.size,
        receive: (body) => s.volumes.importTar(p.name, p.create, p.overwrite, body, p.progress, p.size ?? null),
      })
      return { kind: 'upload', url }
    },
    'volumes:clone': (p) => s.volumes.clone(p.name, p.target, p.progress),
  }
}

export function volumeTopicBindings(s: Services): TopicBindingsOf<typeof volumeTopics> {
  return {
    'volumes:changes': () => ({ key: 'volumes:changes', source: () => volumeChangesSource(s.volumes, (l) => s.onEngineEvent(l)) }),
    // Keyed by the page's random token: only the page that started a transfer follows it.
    'volumes:progress': (p) => ({ key: `volumes:progress:${p.token}`, source: () => s.volumes.progress.source(p.token) }),
  }
}
