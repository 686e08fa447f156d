import { Readable } from 'node:stream'
import { describe, expect, it, vi } from 'vitest'
import type { DialogHost, LinkHost } from '../../exports/host'
import { PickedFiles } from '../../exports/picks'
import type { UploadOffer } from '../../exports/uploads'
import { fileChannels } from './channels'
import type { FileService } from './service'

const exports = { deliver: async () => ({ kind: 'cancelled' as const }) }
const upload = { id: 'web', dir: '/tmp', name: 'a.txt', size: 3, overwrite: false }

function stubFiles() {
  return { checkUpload: vi.fn(async () => undefined), upload: vi.fn(async () => ({ path: '/tmp/a.txt', bytes: 3 })) }
}

function browserMode() {
  const offers: UploadOffer[] = []
  const host: LinkHost = { kind: 'links', exports, uploads: { offer: (o) => (offers.push(o), '/uploads/one') } }
  const files = stubFiles()
  return { offers, files, channels: fileChannels({ files: files as unknown as FileService, pickedFiles: new PickedFiles(), host }).requests }
}

describe('files channels in browser mode (links)', () => {
  it('refuses files:pick: the page picks files itself', async () => {
    await expect(browserMode().channels['files:pick']({})).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'files_pick_unavailable' } })
  })

  it('checks the target before it offers a link, and the link hands the bytes to the service', async () => {
    const { offers, files, channels } = browserMode()
    files.checkUpload.mockRejectedValueOnce(Object.assign(new Error('exists'), { code: 'CONFLICT' }))
    await expect(channels['files:upload'](upload)).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(offers).toEqual([])
    expect(await channels['files:upload'](upload)).toEqual({ kind: 'upload', url: '/uploads/one' })
    const body = Readable.from([Buffer.from('abc')])
    await offers[0]!.receive(body)
    expect(files.upload).toHaveBeenCalledWith(upload, body)
  })
})

describe('files channels in Electron (dialogs)', () => {
  it('refuses an upload without the ticket of a picked file, and offers no link', async () => {
    const host: DialogHost = { kind: 'dialogs', exports, files: { pick: async () => null }, folders: { pickFolder: async () => null } }
    const files = stubFiles()
    const channels = fileChannels({ files: files as unknown as FileService, pickedFiles: new PickedFiles(), host }).requests
    await expect(channels['files:upload'](upload)).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'files_pick_unavailable' } })
    expect(files.checkUpload).not.toHaveBeenCalled()
    expect(await channels['files:pick']({})).toEqual({ kind: 'cancelled' })
  })
})
