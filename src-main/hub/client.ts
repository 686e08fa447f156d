import { ZodError } from 'zod'
import type { HubRateLimit, HubRepository, HubSearchPage, HubTagsPage } from '../../src-shared/contract/hub'
import { TtlCache } from './cache'
import { hubBadResponse, hubHttpError, hubNetworkError, hubNotFound, hubRateLimited } from './hub-errors'
import { repositorySchema, tagsSchema, toRepository, toTags } from './parse'
import { parseRateLimit, retryAfterSeconds } from './rate-limit'
import { catalogSearch, v2Search, type SearchEndpoint, type SearchQuery } from './search-endpoints'

export { searchEndpointOf } from './search-endpoints'

const DEFAULT_HUB_URL = 'https://hub.docker.com'

export interface HubClientOptions {
  /** https://hub.docker.com, or a local server speaking its API (tests, demos). */
  baseUrl?: string
  /** How the search is asked; falls back to the v2 search when this one is gone (404/410). */
  search?: SearchEndpoint
  /** Per request, answer and body included. */
  timeoutMs?: number
  cacheTtlMs?: number
  now?: () => number
}

interface Answer {
  body: unknown
  rateLimit: HubRateLimit | null
}

/** The configured base URL if it is a usable http(s) URL; otherwise (said once) the real Hub. */
function hubBaseUrl(configured: string | undefined): URL {
  if (!configured) return new URL(DEFAULT_HUB_URL)
  try {
    const u = new URL(configured)
    if (u.protocol === 'https:' || u.protocol === 'http:') return u
  } catch {
    // Falls through to the warning.
  }
  console.warn(`berth: the Docker Hub URL ${JSON.stringify(configured)} is not an http(s) URL; using ${DEFAULT_HUB_URL}`)
  return new URL(DEFAULT_HUB_URL)
}

/** Docker Hub's public, read-only API: search, repository pages, tags. Anonymous. */
export class HubClient {
  readonly baseUrl: URL
  private search_: SearchEndpoint
  private readonly timeoutMs: number
  private readonly now: () => number
  private readonly cache: TtlCache<Answer>

  constructor(options: HubClientOptions = {}) {
    this.baseUrl = hubBaseUrl(options.baseUrl)
    this.search_ = options.search ?? catalogSearch
    this.timeoutMs = options.timeoutMs ?? 10_000
    this.now = options.now ?? Date.now
    this.cache = new TtlCache<Answer>(options.cacheTtlMs ?? 60_000, 200, this.now)
  }

  get searchEndpoint(): SearchEndpoint['id'] {
    return this.search_.id
  }

  async search(q: SearchQuery): Promise<HubSearchPage> {
    let answer: Answer
    try {
      answer = await this.get(this.search_.url(this.baseUrl, q), 'that search')
    } catch (err) {
      // The website's search is not a documented API; if it goes away, use the documented one.
      if (this.search_ !== v2Search && (err as { details?: { reason?: string } }).details?.reason === 'hub_not_found') {
        this.search_ = v2Search
        return this.search(q)
      }
      throw err
    }
    const read = this.read(() => this.search_.read(answer.body, q))
    return { query: q.query, page: q.page, pageSize: q.pageSize, ...read, rateLimit: answer.rateLimit }
  }

  async repository(namespace: string, name: string): Promise<HubRepository> {
    const answer = await this.get(new URL(`/v2/namespaces/${encodeURIComponent(namespace)}/repositories/${encodeURIComponent(name)}`, this.baseUrl), `repository ${namespace}/${name}`)
    return { ...this.read(() => toRepository(repositorySchema.parse(answer.body))), rateLimit: answer.rateLimit }
  }

  async tags(namespace: string, name: string, page: number, pageSize: number): Promise<HubTagsPage> {
    const url = new URL(`/v2/namespaces/${encodeURIComponent(namespace)}/repositories/${encodeURIComponent(name)}/tags`, this.baseUrl)
    url.searchParams.set('page', String(page))
    url.searchParams.set('page_size', String(pageSize))
    const answer = await this.get(url, `page ${page} of the tags of ${namespace}/${name}`)
    return this.read(() => {
      const body = tagsSchema.parse(answer.body)
      const results = toTags(body)
      return { page, pageSize, total: body.count ?? results.length, hasNext: Boolean(body.next), results, rateLimit: answer.rateLimit }
    })
  }

  private read<T>(fn: () => T): T {
    try {
      return fn()
    } catch (err) {
      if (err instanceof ZodError) throw hubBadResponse(`unexpected JSON at ${err.issues[0]?.path.join('.') || 'the top'}`)
      throw err
    }
  }

  private async get(url: URL, what: string): Promise<Answer> {
    const key = url.href
    const cached = this.cache.get(key)
    if (cached) return cached
    const signal = AbortSignal.timeout(this.timeoutMs)
    let res: Response
    let text: string
    try {
      res = await fetch(url, { signal, headers: { accept: 'application/json' }, redirect: 'follow' })
      text = await res.text()
    } catch (err) {
      throw hubNetworkError(err, this.timeoutMs)
    }
    const now = this.now()
    if (res.status === 429) throw hubRateLimited(retryAfterSeconds(res.headers, now))
    if (res.status === 404) throw hubNotFound(what)
    if (!res.ok) throw hubHttpError(res.status, what)
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      throw hubBadResponse(`${res.headers.get('content-type') ?? 'no content type'}, not JSON`)
    }
    const answer = { body, rateLimit: parseRateLimit(res.headers, now) }
    this.cache.set(key, answer)
    return answer
  }
}
