import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { findRepo, pullFloor, searchRepos, tagJson, type FixtureRepo } from './hub-fixture-data'

// A local stand-in for Docker Hub's API (hub.docker.com): the v2 search, the website's catalog
// search, repositories and tags, with the Hub's JSON shapes and rate-limit headers. Switches make
// it answer 429 with Retry-After, hang, cut the connection, or send a body that is not JSON.
//
// Standalone (browser mode, demos):  npx tsx tests/helpers/hub-fixture.ts [--port 8099]
// then:                              BERTH_HUB_URL=http://127.0.0.1:8099 npm run web

export type HubFixtureMode = 'ok' | 'rate-limited' | 'hang' | 'close' | 'not-json' | 'wrong-shape'

export interface HubFixture {
  url: string
  /** Paths with query of every request, in order. */
  readonly requests: string[]
  /** How the next requests are answered; `retryAfter` (seconds) for 'rate-limited'. */
  setMode(mode: HubFixtureMode, opts?: { retryAfter?: number }): void
  /** Whether the website's catalog search exists (off: it answers 404, as a retired endpoint would). */
  setCatalogSearch(available: boolean): void
  close(): Promise<void>
}

const LIMIT = 180

export async function startHubFixture(opts: { port?: number } = {}): Promise<HubFixture> {
  let mode: HubFixtureMode = 'ok'
  let retryAfter = 120
  let remaining = LIMIT
  let catalog = true
  const requests: string[] = []
  const sockets = new Set<Socket>()
  const hung = new Set<ServerResponse>()

  const server = createServer((req, res) => {
    requests.push(req.url ?? '')
    if (mode === 'hang') {
      hung.add(res)
      res.on('close', () => hung.delete(res))
      return
    }
    if (mode === 'close') {
      req.socket.destroy()
      return
    }
    const reset = Math.floor(Date.now() / 1000) + 6 * 3600
    const headers: Record<string, string> = { 'x-ratelimit-limit': String(LIMIT), 'x-ratelimit-reset': String(reset) }
    if (mode === 'rate-limited') {
      res.writeHead(429, { ...headers, 'x-ratelimit-remaining': '0', 'retry-after': String(retryAfter), 'content-type': 'application/json' })
      res.end(JSON.stringify({ message: 'Too Many Requests', errinfo: {} }))
      return
    }
    remaining = Math.max(0, remaining - 1)
    headers['x-ratelimit-remaining'] = String(remaining)
    if (mode === 'not-json') {
      res.writeHead(200, { ...headers, 'content-type': 'text/html' })
      res.end('<!doctype html><title>Docker Hub</title><p>We are down for maintenance.</p>')
      return
    }
    if (mode === 'wrong-shape') {
      res.writeHead(200, { ...headers, 'content-type': 'application/json' })
      res.end(JSON.stringify({ detail: 'this is not the answer you asked for' }))
      return
    }
    route(req, res, headers, catalog)
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(opts.port ?? 0, '127.0.0.1', () => done())
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    requests,
    setCatalogSearch(available) {
      catalog = available
    },
    setMode(m, o = {}) {
      mode = m
      if (o.retryAfter !== undefined) retryAfter = o.retryAfter
    },
    close: async () => {
      const closed = new Promise<void>((done) => server.close(() => done()))
      for (const s of sockets) s.destroy()
      await closed
    },
  }
}

function send(res: ServerResponse, headers: Record<string, string>, status: number, body: unknown): void {
  res.writeHead(status, { ...headers, 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

function int(v: string | null, fallback: number): number {
  const n = Number(v)
  return v !== null && Number.isInteger(n) && n >= 0 ? n : fallback
}

function route(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>, catalog: boolean): void {
  const u = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`)
  const p = u.pathname
  let m: RegExpExecArray | null
  if (req.method !== 'GET') return send(res, headers, 405, { message: 'method not allowed' })
  if (p === '/v2/search/repositories/' || p === '/v2/search/repositories') return v2Search(u, res, headers)
  if (p === '/api/search/v3/catalog/search' && catalog) return catalogSearch(u, res, headers)
  if ((m = /^\/v2\/namespaces\/([^/]+)\/repositories\/([^/]+)\/tags\/?$/.exec(p))) return tags(decodeURIComponent(m[1] as string), decodeURIComponent(m[2] as string), u, res, headers)
  if ((m = /^\/v2\/namespaces\/([^/]+)\/repositories\/([^/]+)\/?$/.exec(p))) return repository(decodeURIComponent(m[1] as string), decodeURIComponent(m[2] as string), res, headers)
  send(res, headers, 404, { message: 'page not found' })
}

function notFound(res: ServerResponse, headers: Record<string, string>, namespace: string, repository: string): void {
  send(res, headers, 404, { message: 'httperror 404: object not found', errinfo: { namespace, repository } })
}

function v2Search(u: URL, res: ServerResponse, headers: Record<string, string>): void {
  const query = u.searchParams.get('query') ?? ''
  const page = Math.max(1, int(u.searchParams.get('page'), 1))
  const size = Math.min(100, Math.max(1, int(u.searchParams.get('page_size'), 25)))
  const all = searchRepos(query)
  const slice = all.slice((page - 1) * size, page * size)
  const link = (n: number) => `${u.origin}/v2/search/repositories/?page=${n}&page_size=${size}&query=${encodeURIComponent(query)}`
  send(res, headers, 200, {
    count: all.length,
    next: page * size < all.length ? link(page + 1) : '',
    previous: page > 1 ? link(page - 1) : '',
    results: slice.map((r) => ({
      repo_name: r.namespace === 'library' ? r.name : `${r.namespace}/${r.name}`,
      short_description: r.description,
      star_count: r.stars,
      pull_count: r.pulls,
      repo_owner: '',
      is_automated: false,
      is_official: r.badge === 'official',
    })),
  })
}

function catalogSearch(u: URL, res: ServerResponse, headers: Record<string, string>): void {
  const query = u.searchParams.get('query') ?? ''
  const from = int(u.searchParams.get('from'), 0)
  const size = Math.min(100, Math.max(1, int(u.searchParams.get('size'), 25)))
  const badges = u.searchParams.getAll('badges')
  const all = searchRepos(query).filter((r) => badges.length === 0 || (r.badge !== null && badges.includes(r.badge)))
  send(res, headers, 200, { total: all.length, results: all.slice(from, from + size).map(catalogEntry) })
}

function catalogEntry(r: FixtureRepo) {
  const slug = r.namespace === 'library' ? r.name : `${r.namespace}/${r.name}`
  return {
    id: slug,
    name: slug,
    slug,
    type: 'image',
    publisher: { id: r.namespace === 'library' ? 'docker' : r.namespace, name: r.publisher },
    created_at: r.registered,
    updated_at: r.lastUpdated,
    short_description: r.description,
    badge: r.badge ?? 'none',
    star_count: r.stars,
    pull_count: pullFloor(r.pulls),
    operating_systems: [{ name: 'linux', label: 'Linux' }],
    architectures: [
      { name: 'amd64', label: 'x86-64' },
      { name: 'arm64', label: 'ARM 64' },
    ],
    logo_url: {},
    extension_reviewed: false,
    categories: [{ name: 'Web Servers', slug: 'web-servers' }],
    archived: false,
  }
}

function repository(namespace: string, name: string, res: ServerResponse, headers: Record<string, string>): void {
  const r = findRepo(namespace, name)
  if (!r) return notFound(res, headers, namespace, name)
  send(res, headers, 200, {
    user: r.namespace,
    name: r.name,
    namespace: r.namespace,
    repository_type: 'image',
    status: 1,
    status_description: 'active',
    description: r.description,
    is_private: false,
    is_automated: false,
    star_count: r.stars,
    pull_count: r.pulls,
    last_updated: r.lastUpdated,
    last_modified: r.lastUpdated,
    date_registered: r.registered,
    collaborator_count: 0,
    affiliation: null,
    hub_user: r.namespace,
    has_starred: false,
    full_description: r.readme,
    permissions: { read: true, write: false, admin: false },
    media_types: ['application/vnd.oci.image.index.v1+json'],
    content_types: ['image'],
    categories: [{ name: 'Web Servers', slug: 'web-servers' }],
    immutable_tags_settings: { enabled: false, rules: ['.*'] },
    storage_size: 2_160_000_000,
  })
}

function tags(namespace: string, name: string, u: URL, res: ServerResponse, headers: Record<string, string>): void {
  const r = findRepo(namespace, name)
  if (!r) return notFound(res, headers, namespace, name)
  const page = Math.max(1, int(u.searchParams.get('page'), 1))
  const size = Math.min(100, Math.max(1, int(u.searchParams.get('page_size'), 10)))
  const all = r.tags.map((t, i) => tagJson(r, t, i))
  const link = (n: number) => `${u.origin}/v2/namespaces/${namespace}/repositories/${name}/tags?page=${n}&page_size=${size}`
  send(res, headers, 200, {
    count: all.length,
    next: page * size < all.length ? link(page + 1) : null,
    previous: page > 1 ? link(page - 1) : null,
    results: all.slice((page - 1) * size, page * size),
  })
}

// Standalone: print the URL and serve until interrupted.
if (process.argv[1] && /hub-fixture\.ts$/.test(process.argv[1])) {
  const portArg = process.argv.indexOf('--port')
  const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 0
  void startHubFixture({ port }).then((f) => {
    console.log(`Docker Hub fixture at ${f.url}`)
    console.log(`BERTH_HUB_URL=${f.url} npm run web`)
  })
}
