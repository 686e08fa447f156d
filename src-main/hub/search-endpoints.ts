import type { HubBadge, HubSearchResult } from '../../src-shared/contract/hub'
import { catalogSearchResults, catalogSearchSchema, v2SearchResults, v2SearchSchema } from './parse'

// Docker Hub has two search APIs: the documented /v2/search/repositories/ (no verified-publisher
// badge, no server-side filter) and /api/search/v3/catalog/search, which the Hub's website uses
// (badges, filters, `from`/`size` paging). Each is an endpoint: how to ask, how to read.

export interface SearchQuery {
  query: string
  page: number
  pageSize: number
  officialOnly: boolean
  verifiedOnly: boolean
}

interface SearchAnswer {
  total: number
  hasNext: boolean
  results: HubSearchResult[]
}

export interface SearchEndpoint {
  readonly id: 'catalog' | 'v2'
  url(base: URL, q: SearchQuery): URL
  /** Throws (a ZodError) when the body is not this endpoint's shape. */
  read(body: unknown, q: SearchQuery): SearchAnswer
}

/** The badges a filtered search keeps; both filters together mean "either". */
function wanted(q: SearchQuery): HubBadge[] | null {
  const badges: HubBadge[] = []
  if (q.officialOnly) badges.push('official')
  if (q.verifiedOnly) badges.push('verified_publisher')
  return badges.length > 0 ? badges : null
}

export const catalogSearch: SearchEndpoint = {
  id: 'catalog',
  url(base, q) {
    const u = new URL('/api/search/v3/catalog/search', base)
    u.searchParams.set('query', q.query)
    u.searchParams.set('from', String((q.page - 1) * q.pageSize))
    u.searchParams.set('size', String(q.pageSize))
    u.searchParams.set('type', 'image')
    for (const b of wanted(q) ?? []) u.searchParams.append('badges', b as string)
    return u
  },
  read(body, q) {
    const parsed = catalogSearchSchema.parse(body)
    const badges = wanted(q)
    // The server filters by badge; filtering again keeps the promise if it ever ignores the parameter.
    const results = catalogSearchResults(parsed).filter((r) => !badges || badges.includes(r.badge))
    const total = parsed.total ?? results.length
    return { total, hasNext: q.page * q.pageSize < total, results }
  },
}

export const v2Search: SearchEndpoint = {
  id: 'v2',
  url(base, q) {
    const u = new URL('/v2/search/repositories/', base)
    u.searchParams.set('query', q.query)
    u.searchParams.set('page', String(q.page))
    u.searchParams.set('page_size', String(q.pageSize))
    return u
  },
  read(body, q) {
    const parsed = v2SearchSchema.parse(body)
    const badges = wanted(q)
    // This API cannot filter: a filtered page keeps only its own matching entries.
    const results = v2SearchResults(parsed).filter((r) => !badges || badges.includes(r.badge))
    return { total: parsed.count ?? results.length, hasNext: Boolean(parsed.next), results }
  },
}

export function searchEndpointOf(name: string | undefined): SearchEndpoint {
  return name === 'v2' ? v2Search : catalogSearch
}
