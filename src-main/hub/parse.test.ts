import { describe, expect, it } from 'vitest'
import { catalogSearchResults, catalogSearchSchema, parsePullCount, repositorySchema, tagsSchema, toRepository, toTags, v2SearchResults, v2SearchSchema } from './parse'
import { catalogSearch, v2Search } from './search-endpoints'

// Shapes as Docker Hub answers them (field names and value types of the real API).
const V2_SEARCH = {
  count: 10000,
  next: 'https://hub.docker.com/v2/search/repositories/?page=2&page_size=3&query=nginx',
  previous: '',
  results: [
    { repo_name: 'nginx', short_description: 'Official build of Nginx.', star_count: 20873, pull_count: 11284912345, repo_owner: '', is_automated: false, is_official: true },
    { repo_name: 'bitnami/nginx', short_description: 'Bitnami container image for NGINX', star_count: 191, pull_count: 1050000000, repo_owner: '', is_automated: true, is_official: false },
    { repo_name: 'jwilder/nginx-proxy', short_description: null, star_count: 2290, pull_count: 100400000, repo_owner: '', is_automated: false, is_official: false },
  ],
}

const CATALOG_SEARCH = {
  total: 3,
  results: [
    {
      id: 'nginx',
      name: 'nginx',
      slug: 'nginx',
      type: 'image',
      publisher: { id: 'docker', name: 'Docker Official Images' },
      created_at: '2014-06-05T19:14:45Z',
      updated_at: '2026-11-20T09:12:33Z',
      short_description: 'Official build of Nginx.',
      badge: 'official',
      star_count: 20873,
      pull_count: '1B+',
      operating_systems: [{ name: 'linux', label: 'Linux' }],
      architectures: [{ name: 'amd64', label: 'x86-64' }],
      logo_url: {},
      categories: [],
    },
    {
      id: 'x1',
      name: 'bitnami/nginx',
      slug: 'bitnami/nginx',
      type: 'image',
      publisher: { id: 'bitnami', name: 'VMware' },
      short_description: 'Bitnami container image for NGINX',
      badge: 'verified_publisher',
      star_count: 191,
      pull_count: '500M+',
    },
    { id: 'x2', name: 'someone/nginx', slug: 'someone/nginx', type: 'image', short_description: 'a plain one', badge: 'none', star_count: 2, pull_count: '10K+' },
  ],
}

describe('Hub search parsing', () => {
  it('reads the v2 search: official flag, library namespace, pulls as a number', () => {
    const results = v2SearchResults(v2SearchSchema.parse(V2_SEARCH))
    expect(results[0]).toEqual({ namespace: 'library', name: 'nginx', description: 'Official build of Nginx.', stars: 20873, pulls: 11284912345, pullsAtLeast: false, badge: 'official' })
    expect(results[1]).toMatchObject({ namespace: 'bitnami', name: 'nginx', badge: null })
    expect(results[2]).toMatchObject({ namespace: 'jwilder', name: 'nginx-proxy', description: '' })
  })

  it('reads the catalog search: badges and pull floors', () => {
    const results = catalogSearchResults(catalogSearchSchema.parse(CATALOG_SEARCH))
    expect(results.map((r) => [r.namespace, r.name, r.badge, r.pulls, r.pullsAtLeast])).toEqual([
      ['library', 'nginx', 'official', 1e9, true],
      ['bitnami', 'nginx', 'verified_publisher', 5e8, true],
      ['someone', 'nginx', null, 1e4, true],
    ])
  })

  it('reads the older flag spelling of badges (certified, verified_publisher, is_official)', () => {
    const body = catalogSearchSchema.parse({
      total: 3,
      results: [
        { name: 'a/b', certified: true },
        { name: 'c/d', verified_publisher: true },
        { name: 'e', is_official: true },
      ],
    })
    expect(catalogSearchResults(body).map((r) => r.badge)).toEqual(['verified_publisher', 'verified_publisher', 'official'])
  })

  it('drops malformed entries and tolerates odd field types instead of failing the page', () => {
    const body = v2SearchSchema.parse({ count: '12', next: null, results: [{ repo_name: 'ok/one', star_count: 'many', pull_count: null }, { star_count: 3 }, 42] })
    expect(v2SearchResults(body)).toEqual([{ namespace: 'ok', name: 'one', description: '', stars: 0, pulls: null, pullsAtLeast: false, badge: null }])
  })

  it('refuses an answer without a results list', () => {
    expect(() => v2SearchSchema.parse({ detail: 'nope' })).toThrow()
    expect(() => catalogSearchSchema.parse({ total: 1, results: 'x' })).toThrow()
  })

  it('pages: v2 by its next link, catalog by from + size against total', () => {
    const q = { query: 'nginx', page: 1, pageSize: 3, officialOnly: false, verifiedOnly: false }
    expect(v2Search.read(V2_SEARCH, q)).toMatchObject({ total: 10000, hasNext: true })
    expect(catalogSearch.read(CATALOG_SEARCH, q)).toMatchObject({ total: 3, hasNext: false })
    expect(catalogSearch.read({ ...CATALOG_SEARCH, total: 4 }, q).hasNext).toBe(true)
  })

  it('filters keep only the asked badges (both filters mean either)', () => {
    const q = { query: 'nginx', page: 1, pageSize: 25, officialOnly: true, verifiedOnly: false }
    expect(catalogSearch.read(CATALOG_SEARCH, q).results.map((r) => r.name)).toEqual(['nginx'])
    expect(catalogSearch.read(CATALOG_SEARCH, { ...q, officialOnly: false, verifiedOnly: true }).results.map((r) => r.namespace)).toEqual(['bitnami'])
    expect(catalogSearch.read(CATALOG_SEARCH, { ...q, verifiedOnly: true }).results).toHaveLength(2)
    const url = catalogSearch.url(new URL('https://hub.docker.com'), { ...q, page: 3, verifiedOnly: true })
    expect(url.pathname).toBe('/api/search/v3/catalog/search')
    expect(url.searchParams.get('from')).toBe('50')
    expect(url.searchParams.getAll('badges')).toEqual(['official', 'verified_publisher'])
  })
})

describe('pull counts', () => {
  it('reads floors, plain numbers and thousands separators', () => {
    expect(parsePullCount('1B+')).toEqual({ pulls: 1e9, pullsAtLeast: true })
    expect(parsePullCount('1.5M+')).toEqual({ pulls: 1.5e6, pullsAtLeast: true })
    expect(parsePullCount('12,345')).toEqual({ pulls: 12345, pullsAtLeast: false })
    expect(parsePullCount(77)).toEqual({ pulls: 77, pullsAtLeast: false })
    expect(parsePullCount('lots')).toEqual({ pulls: null, pullsAtLeast: false })
  })
})

describe('repository and tags parsing', () => {
  it('reads a repository with its README; library means official', () => {
    const repo = toRepository(
      repositorySchema.parse({
        user: 'library',
        name: 'nginx',
        namespace: 'library',
        repository_type: 'image',
        status: 1,
        description: 'Official build of Nginx.',
        is_private: false,
        star_count: 20873,
        pull_count: 11284912345,
        last_updated: '2026-11-20T09:12:33.123456Z',
        date_registered: '2014-06-05T19:14:45.655721Z',
        full_description: '# Quick reference',
        permissions: { read: true },
      }),
    )
    expect(repo).toEqual({
      namespace: 'library',
      name: 'nginx',
      description: 'Official build of Nginx.',
      readme: '# Quick reference',
      stars: 20873,
      pulls: 11284912345,
      lastUpdated: '2026-11-20T09:12:33.123456Z',
      dateRegistered: '2014-06-05T19:14:45.655721Z',
      official: true,
    })
    expect(toRepository(repositorySchema.parse({ name: 'x', namespace: 'me', full_description: null })).readme).toBe('')
  })

  it('reads tags with their platforms and leaves out attestation manifests', () => {
    const body = tagsSchema.parse({
      count: 2,
      next: 'https://hub.docker.com/v2/namespaces/library/nginx/tags?page=2&page_size=1',
      previous: null,
      results: [
        {
          name: 'latest',
          full_size: 72300000,
          last_updated: '2026-11-20T09:12:33Z',
          tag_last_pushed: '2026-11-20T09:12:30Z',
          digest: 'sha256:aaa',
          tag_status: 'active',
          images: [
            { architecture: 'amd64', os: 'linux', variant: null, digest: 'sha256:b1', size: 72300000, status: 'active', last_pushed: '2026-11-20T09:12:30Z' },
            { architecture: 'arm', os: 'linux', variant: 'v7', digest: 'sha256:b2', size: 65000000, status: 'active', last_pushed: '2026-11-20T09:12:30Z' },
            { architecture: 'unknown', os: 'unknown', variant: null, digest: 'sha256:att', size: 0, status: 'active', last_pushed: '2026-11-20T09:12:30Z' },
          ],
        },
      ],
    })
    const [tag] = toTags(body)
    expect(tag?.name).toBe('latest')
    expect(tag?.lastUpdated).toBe('2026-11-20T09:12:30Z')
    expect(tag?.images.map((i) => `${i.os}/${i.architecture}${i.variant ? `/${i.variant}` : ''}`)).toEqual(['linux/amd64', 'linux/arm/v7'])
  })
})
