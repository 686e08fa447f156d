import { describe, expect, it } from 'vitest'
import { touchesNetworks } from './changes'

const ev = (type: string, action: string) => ({ type, action, id: 'x', name: null, timeNano: 0 })

describe('network change feed', () => {
  it('reacts to every network event and to containers made, started, stopped, removed or renamed', () => {
    for (const a of ['create', 'connect', 'disconnect', 'destroy']) expect(touchesNetworks(ev('network', a))).toBe(true)
    for (const a of ['create', 'start', 'die', 'destroy', 'rename']) expect(touchesNetworks(ev('container', a))).toBe(true)
  })

  it('ignores container events that change nothing a network row shows', () => {
    for (const a of ['pause', 'unpause', 'exec_start', 'top', 'health_status: healthy']) expect(touchesNetworks(ev('container', a))).toBe(false)
    expect(touchesNetworks(ev('image', 'pull'))).toBe(false)
  })
})
