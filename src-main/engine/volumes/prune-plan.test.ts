import { describe, expect, it } from 'vitest'
import type { VolumeRow } from '../../../src-shared/contract/volumes'
import { prunePreview } from './prune-plan'

const HEX = (c: string) => c.repeat(64)
function row(name: string, size: number | null, users: number, anonymous = /^[0-9a-f]{64}$/.test(name)): VolumeRow {
  return {
    name,
    driver: 'local',
    mountpoint: '',
    scope: 'local',
    created: null,
    labels: {},
    options: {},
    size,
    anonymous,
    usedBy: Array.from({ length: users }, (_, i) => ({ id: `c${i}`, name: `c${i}`, running: false })),
  }
}

describe('volume prune preview', () => {
  const rows = [row(HEX('a'), 100, 0), row(HEX('b'), 5000, 0), row(HEX('c'), 7, 1), row('named', 300, 0), row('kept', 1, 2), row(HEX('d'), null, 0)]

  it('lists unused anonymous volumes only, largest first, and the space they hold', () => {
    const p = prunePreview(rows, false)
    expect(p.items.map((i) => i.name)).toEqual([HEX('b'), HEX('a'), HEX('d')])
    expect(p.bytes).toBe(5100)
  })

  it('adds unused named volumes when asked; a volume any container uses (even a stopped one) stays', () => {
    const p = prunePreview(rows, true)
    expect(p.items.map((i) => i.name)).toEqual([HEX('b'), 'named', HEX('a'), HEX('d')])
    expect(p.bytes).toBe(5400)
    expect(p.items.find((i) => i.name === 'named')).toEqual({ name: 'named', size: 300, anonymous: false })
  })

  it('is empty with nothing to remove', () => {
    expect(prunePreview([row('kept', 1, 1)], true)).toEqual({ items: [], bytes: 0 })
  })
})
