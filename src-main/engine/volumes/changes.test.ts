import { describe, expect, it } from 'vitest'
import type { VolumeRow } from '../../../src-shared/contract/volumes'
import { sameVolume, touchesVolumes } from './changes'

const ev = (type: string, action: string) => ({ type, action, id: 'x', name: null, timeNano: 0 })

const volume = (over: Partial<VolumeRow> = {}): VolumeRow => ({
  name: 'data',
  driver: 'local',
  mountpoint: '/var/lib/docker/volumes/data/_data',
  scope: 'local',
  created: 1,
  labels: {},
  options: {},
  size: null,
  usedBy: [],
  anonymous: false,
  ...over,
})

describe('volume change feed', () => {
  it('reacts to volume events and to containers created, removed or renamed', () => {
    for (const a of ['create', 'destroy', 'mount', 'unmount']) expect(touchesVolumes(ev('volume', a))).toBe(true)
    for (const a of ['create', 'destroy', 'rename']) expect(touchesVolumes(ev('container', a))).toBe(true)
    for (const a of ['start', 'die', 'exec_start', 'health_status: healthy']) expect(touchesVolumes(ev('container', a))).toBe(false)
    expect(touchesVolumes(ev('network', 'connect'))).toBe(false)
  })

  it('treats a size measured since the last reading as no news, but a new user as news', () => {
    expect(sameVolume(volume({ size: null }), volume({ size: 4096 }))).toBe(true)
    expect(sameVolume(volume(), volume({ usedBy: [{ id: 'c1', name: 'web', running: true }] }))).toBe(false)
    expect(sameVolume(volume({ usedBy: [{ id: 'c1', name: 'web', running: false }] }), volume({ usedBy: [{ id: 'c1', name: 'web', running: true }] }))).toBe(false)
  })
})
