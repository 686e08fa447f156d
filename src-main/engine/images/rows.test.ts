import type Docker from 'dockerode'
import { describe, expect, it } from 'vitest'
import { splitRepoTag, toImageRows, usersByImage } from './rows'

const image = (over: Partial<Docker.ImageInfo>): Docker.ImageInfo =>
  ({ Id: 'sha256:aa', ParentId: '', RepoTags: [], RepoDigests: [], Created: 100, Size: 10, VirtualSize: 10, SharedSize: -1, Labels: {}, Containers: -1, ...over }) as Docker.ImageInfo

describe('toImageRows', () => {
  it('gives one row per tag, with the same id, size and users', () => {
    const rows = toImageRows([image({ RepoTags: ['busybox:latest', 'localhost:5000/team/busybox:1'] })], new Map([['sha256:aa', 2]]))
    expect(rows.map((r) => [r.repository, r.tag, r.containers])).toEqual([
      ['busybox', 'latest', 2],
      ['localhost:5000/team/busybox', '1', 2],
    ])
    expect(new Set(rows.map((r) => r.key)).size).toBe(2)
  })

  it('shows an untagged image as one dangling <none> row, naming its repository from a digest', () => {
    const [bare] = toImageRows([image({ RepoTags: ['<none>:<none>'], RepoDigests: ['<none>@<none>'] })], new Map())
    expect(bare).toMatchObject({ repository: null, tag: null, dangling: true, containers: 0 })
    const [pulled] = toImageRows([image({ RepoTags: null as unknown as string[], RepoDigests: ['alpine@sha256:bb'] })], new Map())
    expect(pulled).toMatchObject({ repository: 'alpine', tag: null, digests: ['alpine@sha256:bb'] })
  })
})

describe('splitRepoTag', () => {
  it('does not take a registry port for a tag', () => {
    expect(splitRepoTag('localhost:5000/app')).toEqual({ repository: 'localhost:5000/app', tag: 'latest' })
    expect(splitRepoTag('localhost:5000/app:2')).toEqual({ repository: 'localhost:5000/app', tag: '2' })
  })
})

describe('usersByImage', () => {
  it('counts containers per image id', () => {
    expect(usersByImage([{ ImageID: 'a' }, { ImageID: 'a' }, { ImageID: 'b' }, {}])).toEqual(
      new Map([
        ['a', 2],
        ['b', 1],
      ]),
    )
  })
})
