import { describe, expect, it } from 'vitest'
import { hubRequests } from './hub'

describe('hub contract', () => {
  const repo = hubRequests['hub:repository'].params
  const search = hubRequests['hub:search'].params

  it('takes Docker Hub namespaces and repository names', () => {
    expect(repo.safeParse({ namespace: 'library', name: 'nginx' }).success).toBe(true)
    expect(repo.safeParse({ namespace: 'nginxinc', name: 'nginx-unprivileged' }).success).toBe(true)
    expect(repo.safeParse({ namespace: 'my_org', name: 'a.b__c' }).success).toBe(true)
  })

  it('refuses paths, upper case, empty parts and stray keys', () => {
    for (const bad of [
      { namespace: '../v2', name: 'x' },
      { namespace: 'library', name: 'nginx/../../users' },
      { namespace: 'Library', name: 'nginx' },
      { namespace: 'library', name: '' },
      { namespace: 'library', name: '-nginx' },
      { namespace: 'library', name: 'nginx', extra: 1 },
    ]) {
      expect({ bad, ok: repo.safeParse(bad).success }).toEqual({ bad, ok: false })
    }
  })

  it('fills search defaults and refuses an empty query or a page size over 100', () => {
    expect(search.parse({ query: ' nginx ' })).toEqual({ query: 'nginx', page: 1, pageSize: 25, officialOnly: false, verifiedOnly: false })
    expect(search.safeParse({ query: '   ' }).success).toBe(false)
    expect(search.safeParse({ query: 'x', pageSize: 101 }).success).toBe(false)
  })
})
