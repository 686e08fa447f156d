import { describe, expect, it } from 'vitest'
import type { ImageRow } from '../../../src-shared/contract/images'
import { buildImageList, imageName, removeTarget, shortImageId, type ImageQuery } from './image-list'

const row = (over: Partial<ImageRow>): ImageRow => ({
  key: `${over.id ?? 'sha256:aa'} ${over.repository}:${over.tag}`,
  id: 'sha256:aa',
  repository: 'busybox',
  tag: 'latest',
  digests: [],
  size: 10,
  created: 1,
  containers: 0,
  dangling: false,
  ...over,
})
const q = (over: Partial<ImageQuery> = {}): ImageQuery => ({ search: '', filter: 'all', sortKey: 'repository', sortDir: 'asc', ...over })

const rows = [
  row({ id: 'sha256:1111', repository: 'redis', tag: '7', size: 300, created: 30, containers: 2 }),
  row({ id: 'sha256:2222', repository: 'alpine', tag: '3.10', size: 100, created: 10 }),
  row({ id: 'sha256:2222', repository: 'alpine', tag: '3.9', size: 100, created: 10 }),
  row({ id: 'sha256:3333abcdef', repository: null, tag: null, size: 50, created: 20, dangling: true }),
]

describe('buildImageList', () => {
  it('sorts by repository then tag, numbers in tags in numeric order, <none> last', () => {
    expect(buildImageList(rows, q()).map(imageName)).toEqual(['alpine:3.9', 'alpine:3.10', 'redis:7', '<none>:<none>'])
  })

  it('sorts by size, created and users in both directions', () => {
    expect(buildImageList(rows, q({ sortKey: 'size', sortDir: 'desc' })).map((r) => r.size)).toEqual([300, 100, 100, 50])
    expect(buildImageList(rows, q({ sortKey: 'created' })).map((r) => r.created)).toEqual([10, 10, 20, 30])
    expect(buildImageList(rows, q({ sortKey: 'containers', sortDir: 'desc' }))[0]?.repository).toBe('redis')
  })

  it('filters dangling, in use and unused', () => {
    expect(buildImageList(rows, q({ filter: 'dangling' })).map((r) => r.id)).toEqual(['sha256:3333abcdef'])
    expect(buildImageList(rows, q({ filter: 'in-use' })).map(imageName)).toEqual(['redis:7'])
    expect(buildImageList(rows, q({ filter: 'unused' })).length).toBe(3)
  })

  it('searches name, short id and digests, every word, any case', () => {
    expect(buildImageList(rows, q({ search: 'ALPINE 3.9' })).map(imageName)).toEqual(['alpine:3.9'])
    expect(buildImageList(rows, q({ search: '3333ab' })).map((r) => r.id)).toEqual(['sha256:3333abcdef'])
    expect(buildImageList(rows, q({ search: 'nothing-like-it' }))).toEqual([])
  })

  it('copes with 500 tags', () => {
    const many = Array.from({ length: 500 }, (_, i) => row({ id: `sha256:${i}`, repository: `repo${i % 50}`, tag: `v${i}` }))
    const out = buildImageList(many, q({ search: 'repo7 ' }))
    expect(out.length).toBe(10)
    expect(out.every((r) => r.repository === 'repo7')).toBe(true)
  })
})

describe('helpers', () => {
  it('removes a tagged row by its tag and an untagged one by id', () => {
    expect(removeTarget(rows[0]!)).toBe('redis:7')
    expect(removeTarget(rows[3]!)).toBe('sha256:3333abcdef')
    expect(shortImageId('sha256:0123456789abcdef')).toBe('0123456789ab')
  })
})
