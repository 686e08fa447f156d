import { describe, expect, it } from 'vitest'
import { changedUsers, touchesVolumes } from './changes'

const ev = (type: string, action: string) => ({ type, action, id: 'x', name: null, timeNano: 0 })

describe('volume change feed', () => {
  it('reacts to volume events and to containers created, removed or renamed', () => {
    for (const a of ['create', 'destroy', 'mount', 'unmount']) expect(touchesVolumes(ev('volume', a))).toBe(true)
    for (const a of ['create', 'destroy', 'rename']) expect(touchesVolumes(ev('container', a))).toBe(true)
    for (const a of ['start', 'die', 'exec_start', 'health_status: healthy']) expect(touchesVolumes(ev('container', a))).toBe(false)
    expect(touchesVolumes(ev('network', 'connect'))).toBe(false)
  })

  it('names the volumes whose users changed, appeared or went', () => {
    const before = new Map([
      ['a', 'c1:web'],
      ['b', 'c2:db'],
      ['c', 'c3:x'],
    ])
    const after = new Map([
      ['a', 'c1:web'],
      ['b', 'c2:db,c4:new'],
      ['d', 'c4:new'],
    ])
    expect(changedUsers(before, after).sort()).toEqual(['b', 'c', 'd'])
  })
})
