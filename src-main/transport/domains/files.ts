import { createReadStream } from 'node:fs'
import { BerthError } from '../../../src-shared/contract/errors'
import type { fileRequests, fileTopics } from '../../../src-shared/contract/files'
import type { Services } from '../../services'
import type { HandlersOf, TopicBindingsOf } from '../handler-types'

export function fileHandlers(s: Services): HandlersOf<typeof fileRequests> {
  return {
    'files:list': (p) => s.files.list(p.id, p.path),
    'files:download': async (p) => s.host.exports.deliver(await s.files.download(p.id, p.path)),
    'files:pick': async () => {
      if (s.host.kind !== 'dialogs') throw new BerthError('INVALID_INPUT', 'This window picks files itself; there is no file dialog in main.', { reason: 'files_pick_unavailable' })
      const picked = await s.host.files.pick()
      if (!picked) return { kind: 'cancelled' }
      return { kind: 'picked', ticket: s.pickedFiles.add(picked), name: picked.name, size: picked.size }
    },
    'files:upload': async (p) => {
      const req = { id: p.id, dir: p.dir, name: p.name, size: p.size, overwrite: p.overwrite }
      if (p.ticket) {
        const picked = s.pickedFiles.get(p.ticket)
        if (!picked) throw new BerthError('NOT_FOUND', 'The picked file is no longer known; pick it again.', { reason: 'files_pick_expired' })
        const result = await s.files.upload({ ...req, size: picked.size }, createReadStream(picked.path))
        s.pickedFiles.drop(p.ticket)
        return { kind: 'uploaded', ...result }
      }
      if (s.host.kind !== 'links') throw new BerthError('INVALID_INPUT', 'Pick a file first.', { reason: 'files_pick_unavailable' })
      // The conflict (an existing file, a missing folder) is told before the page sends any bytes.
      await s.files.checkUpload(req)
      return { kind: 'upload', url: s.host.uploads.offer({ name: p.name, size: p.size, receive: (body) => s.files.upload(req, body) }) }
    },
    'files:changes': (p) => s.files.changes(p.id),
  }
}

export function fileTopicBindings(_s: Services): TopicBindingsOf<typeof fileTopics> {
  return {}
}
