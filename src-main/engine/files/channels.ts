import { createReadStream } from 'node:fs'
import { BerthError } from '../../../src-shared/contract/errors'
import { defineDomain } from '../../channels/domain'
import type { DomainChannels } from '../../channels/types'
import type { ServicesHost } from '../../exports/host'
import { PickedFiles } from '../../exports/picks'
import type { EngineConnection } from '../connection'
import { FileService } from './service'

export interface FileChannelsDeps {
  files: FileService
  /** Files picked in main's dialog, behind tickets the page names when it uploads. */
  pickedFiles: PickedFiles
  host: ServicesHost
}

export function fileChannels({ files, pickedFiles, host }: FileChannelsDeps): DomainChannels<'files'> {
  return {
    requests: {
      'files:list': (p) => files.list(p.id, p.path),
      'files:download': async (p) => host.exports.deliver(await files.download(p.id, p.path)),
      'files:pick': async () => {
        if (host.kind !== 'dialogs') throw new BerthError('INVALID_INPUT', 'This window picks files itself; there is no file dialog in main.', { reason: 'files_pick_unavailable' })
        const picked = await host.files.pick()
        if (!picked) return { kind: 'cancelled' }
        return { kind: 'picked', ticket: pickedFiles.add(picked), name: picked.name, size: picked.size }
      },
      'files:upload': async (p) => {
        const req = { id: p.id, dir: p.dir, name: p.name, size: p.size, overwrite: p.overwrite }
        if (p.ticket) {
          const picked = pickedFiles.get(p.ticket)
          if (!picked) throw new BerthError('NOT_FOUND', 'The picked file is no longer known; pick it again.', { reason: 'files_pick_expired' })
          const result = await files.upload({ ...req, size: picked.size }, createReadStream(picked.path))
          pickedFiles.drop(p.ticket)
          return { kind: 'uploaded', ...result }
        }
        if (host.kind !== 'links') throw new BerthError('INVALID_INPUT', 'Pick a file first.', { reason: 'files_pick_unavailable' })
        // The conflict (an existing file, a missing folder) is told before the page sends any bytes.
        await files.checkUpload(req)
        return { kind: 'upload', url: host.uploads.offer({ name: p.name, size: p.size, receive: (body) => files.upload(req, body) }) }
      },
      'files:changes': (p) => files.changes(p.id),
    },
    topics: {},
  }
}

export const filesDomain = defineDomain({
  name: 'files',
  create: ({ connection, host }: { connection: EngineConnection; host: ServicesHost }) => {
    const files = new FileService(connection)
    // Files picked in main's dialog wait here, behind tickets, until they are uploaded.
    return { service: files, channels: fileChannels({ files, pickedFiles: new PickedFiles(), host }) }
  },
})
