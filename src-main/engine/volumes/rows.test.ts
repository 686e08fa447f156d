import { describe, expect, it } from 'vitest'
import { isAnonymousVolume, toVolumeRow, usageSize, usersByVolume } from './rows'

const HEX = 'c0aaf8fea319f510d8ce6233e9eac0791865fa943729ff5af640345f1806b399'

describe('volume rows', () => {
  it('tells anonymous volumes (64-hex names or the engine’s label) from named ones', () => {
    expect(isAnonymousVolume(HEX)).toBe(true)
    expect(isAnonymousVolume('pgdata')).toBe(false)
    expect(isAnonymousVolume(HEX.toUpperCase())).toBe(false)
    expect(isAnonymousVolume(HEX.slice(1))).toBe(false)
    expect(isAnonymousVolume('cache', { 'com.docker.volume.anonymous': '' })).toBe(true)
  })

  it('maps which containers use each volume, bind mounts and Berth’s helpers left out', () => {
    const users = usersByVolume([
      { Id: 'b1', Names: ['/web'], State: 'running', Mounts: [{ Type: 'volume', Name: 'data' }, { Type: 'bind' }] },
      {
        Id: 'a1',
        Names: ['/api'],
        State: 'exited',
        Mounts: [
          { Type: 'volume', Name: 'data' },
          { Type: 'volume', Name: HEX },
        ],
      },
      { Id: 'h1', Names: ['/helper'], State: 'created', Labels: { 'berth.helper': 'volume-browse' }, Mounts: [{ Type: 'volume', Name: 'data' }] },
      { Id: 'n1', Names: ['/none'], Mounts: null },
    ])
    expect(users.get('data')).toEqual([
      { id: 'a1', name: 'api', running: false },
      { id: 'b1', name: 'web', running: true },
    ])
    expect(users.get(HEX)).toEqual([{ id: 'a1', name: 'api', running: false }])
    expect(users.size).toBe(2)
  })

  it('reads the engine’s -1 size as unknown', () => {
    expect(usageSize({ Name: 'a', UsageData: { Size: -1, RefCount: -1 } })).toBeNull()
    expect(usageSize({ Name: 'a', UsageData: { Size: 0, RefCount: 0 } })).toBe(0)
    expect(usageSize({ Name: 'a', UsageData: { Size: 2048, RefCount: 1 } })).toBe(2048)
    expect(usageSize({ Name: 'a' })).toBeNull()
  })

  it('builds a row with the creation time in ms and empty maps for null labels', () => {
    const row = toVolumeRow({ Name: HEX, Driver: 'local', Mountpoint: '/var/lib/docker/volumes/x/_data', Scope: 'local', CreatedAt: '2026-11-23T21:19:00Z', Labels: null, Options: null }, 12, [])
    expect(row).toEqual({
      name: HEX,
      driver: 'local',
      mountpoint: '/var/lib/docker/volumes/x/_data',
      scope: 'local',
      created: Date.parse('2026-11-23T21:19:00Z'),
      labels: {},
      options: {},
      size: 12,
      usedBy: [],
      anonymous: true,
    })
    expect(toVolumeRow({ Name: 'x', CreatedAt: 'not a time' }, null, []).created).toBeNull()
  })
})
