import { describe, expect, it } from 'vitest'
import type { VolumeRow } from '../../../src-shared/contract/volumes'
import { formatBytes } from '../../shared/format'
import { shortVolumeName, visibleVolumes, volumeSizeText, type VolumeQuery } from './volume-list'

const HEX = 'ab'.repeat(32)
function row(name: string, over: Partial<VolumeRow> = {}): VolumeRow {
  return {
    name,
    driver: 'local',
    mountpoint: `/var/lib/docker/volumes/${name}/_data`,
    scope: 'local',
    created: 0,
    labels: {},
    options: {},
    size: null,
    usedBy: [],
    anonymous: /^[0-9a-f]{64}$/.test(name),
    ...over,
  }
}
const q = (over: Partial<VolumeQuery> = {}): VolumeQuery => ({ search: '', filter: 'all', sortKey: 'name', sortDir: 'asc', ...over })

describe('volume list', () => {
  const rows = [
    row('pgdata', { size: 5000, usedBy: [{ id: 'c1', name: 'postgres', running: true }], labels: { 'com.docker.compose.project': 'shop' }, created: 30 }),
    row(HEX, { size: 10, created: 20 }),
    row('cache', { size: null, driver: 'nfs', created: 10 }),
  ]

  it('filters dangling (no container) and in-use volumes', () => {
    expect(visibleVolumes(rows, q({ filter: 'dangling' })).map((r) => r.name)).toEqual(['cache', HEX])
    expect(visibleVolumes(rows, q({ filter: 'in-use' })).map((r) => r.name)).toEqual(['pgdata'])
  })

  it('searches name, driver, users and labels, every word', () => {
    expect(visibleVolumes(rows, q({ search: 'postgres' })).map((r) => r.name)).toEqual(['pgdata'])
    expect(visibleVolumes(rows, q({ search: 'project=shop' })).map((r) => r.name)).toEqual(['pgdata'])
    expect(visibleVolumes(rows, q({ search: 'NFS cache' })).map((r) => r.name)).toEqual(['cache'])
    expect(visibleVolumes(rows, q({ search: 'nfs pg' }))).toEqual([])
  })

  it('sorts by size with unknown sizes lowest, and by name with named volumes first', () => {
    expect(visibleVolumes(rows, q({ sortKey: 'size', sortDir: 'desc' })).map((r) => r.name)).toEqual(['pgdata', HEX, 'cache'])
    expect(visibleVolumes(rows, q()).map((r) => r.name)).toEqual(['cache', 'pgdata', HEX])
    expect(visibleVolumes(rows, q({ sortKey: 'created' })).map((r) => r.name)).toEqual(['cache', HEX, 'pgdata'])
  })

  it('formats sizes, unknown as a dash, and shortens anonymous names', () => {
    expect(volumeSizeText(null, formatBytes)).toBe('—')
    expect(volumeSizeText(0, formatBytes)).toBe('0 B')
    expect(volumeSizeText(209_715_200, formatBytes)).toBe('200 MiB')
    expect(volumeSizeText(1536, formatBytes)).toBe('1.5 KiB')
    expect(shortVolumeName({ name: HEX, anonymous: true })).toBe('abababababab')
    expect(shortVolumeName({ name: 'pgdata', anonymous: false })).toBe('pgdata')
  })
})
