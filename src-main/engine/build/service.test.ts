import { describe, expect, it } from 'vitest'
import { EngineConnection } from '../connection'
import { BuildService } from './service'

describe('BuildService.pickFolder', () => {
  it('says unavailable where no folder dialog exists (browser mode), so the page asks for a typed path', async () => {
    expect(await new BuildService(new EngineConnection()).pickFolder()).toEqual({ kind: 'unavailable' })
  })

  it('answers with the picked folder, or cancelled', async () => {
    const s = new BuildService(new EngineConnection())
    s.folderPicker = { pickFolder: async () => '/home/me/app' }
    expect(await s.pickFolder()).toEqual({ kind: 'picked', path: '/home/me/app' })
    s.folderPicker = { pickFolder: async () => null }
    expect(await s.pickFolder()).toEqual({ kind: 'cancelled' })
  })

  it('gives every build its own stream key', () => {
    const s = new BuildService(new EngineConnection())
    expect(s.newBuildKey()).not.toBe(s.newBuildKey())
  })
})
