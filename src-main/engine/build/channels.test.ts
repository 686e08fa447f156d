import { describe, expect, it } from 'vitest'
import type { DialogHost, LinkHost } from '../../exports/host'
import { EngineConnection } from '../connection'
import { buildChannels } from './channels'
import { BuildService } from './service'

const build = new BuildService(new EngineConnection())
const links: LinkHost = { kind: 'links', exports: { deliver: async () => ({ kind: 'cancelled' }) }, uploads: { offer: () => '/uploads/x' } }
const dialogs = (folder: string | null): DialogHost => ({
  kind: 'dialogs',
  exports: { deliver: async () => ({ kind: 'cancelled' }) },
  files: { pick: async () => null },
  folders: { pickFolder: async () => folder },
})

describe('build:pick-folder', () => {
  it('says unavailable where no folder dialog exists (browser mode), so the page asks for a typed path', async () => {
    expect(await buildChannels({ build, host: links }).requests['build:pick-folder'](undefined)).toEqual({ kind: 'unavailable' })
  })

  it('answers with the folder picked in the dialog, or cancelled', async () => {
    expect(await buildChannels({ build, host: dialogs('/home/me/app') }).requests['build:pick-folder'](undefined)).toEqual({ kind: 'picked', path: '/home/me/app' })
    expect(await buildChannels({ build, host: dialogs(null) }).requests['build:pick-folder'](undefined)).toEqual({ kind: 'cancelled' })
  })
})
