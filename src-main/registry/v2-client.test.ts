import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { networkInterfaces } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Credential } from './credentials'
import { baseUrlOf, RegistryClient } from './v2-client'

// A small HTTP server on loopback that answers like a token-authenticated registry (the
// distribution token spec: 401 + Bearer challenge, a realm that trades Basic credentials for a
// token, then Bearer requests), with a paged catalog and a two-platform index.

const USER = 'tok-user'
const PASSWORD = 'tok-pass'
let server: Server
let port = 0
const seen: { path: string; auth: string | undefined }[] = []

const digest = (c: string) => `sha256:${c.repeat(64)}`
const manifests: Record<string, { type: string; body: unknown }> = {
  multi: {
    type: 'application/vnd.oci.image.index.v1+json',
    body: {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: digest('1'), size: 400, platform: { os: 'linux', architecture: 'amd64' } },
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: digest('2'), size: 400, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      ],
    },
  },
  [digest('1')]: {
    type: 'application/vnd.oci.image.manifest.v1+json',
    body: { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { digest: digest('c'), size: 10 }, layers: [{ digest: digest('a'), size: 1000 }] },
  },
  [digest('2')]: {
    type: 'application/vnd.oci.image.manifest.v1+json',
    body: { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { digest: digest('d'), size: 20 }, layers: [{ digest: digest('b'), size: 2000 }] },
  },
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
  seen.push({ path: url.pathname, auth: req.headers.authorization })
  if (url.pathname === '/token') {
    if (req.headers.authorization !== `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`) {
      res.writeHead(401).end('{"details":"incorrect username or password"}')
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `T:${url.searchParams.get('scope') ?? ''}`, expires_in: 300 }))
    return
  }
  const scope = url.pathname === '/v2/_catalog' ? 'registry:catalog:*' : url.pathname === '/v2/' ? '' : `repository:${url.pathname.split('/')[2]}:pull`
  if (req.headers.authorization !== `Bearer T:${scope}`) {
    res.writeHead(401, { 'www-authenticate': `Bearer realm="http://127.0.0.1:${port}/token",service="fake"${scope ? `,scope="${scope}"` : ''}`, 'content-type': 'application/json' })
    res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }))
    return
  }
  if (url.pathname === '/v2/') return void res.writeHead(200).end('{}')
  if (url.pathname === '/v2/_catalog') {
    const all = ['alpha', 'beta', 'gamma']
    const last = url.searchParams.get('last')
    const n = Number(url.searchParams.get('n'))
    const from = last ? all.indexOf(last) + 1 : 0
    const page = all.slice(from, from + n)
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (from + n < all.length) headers.link = `</v2/_catalog?last=${page[page.length - 1]}&n=${n}>; rel="next"`
    res.writeHead(200, headers).end(JSON.stringify({ repositories: page }))
    return
  }
  const m = /^\/v2\/app\/manifests\/(.+)$/.exec(url.pathname)
  const found = m ? manifests[decodeURIComponent(m[1]!)] : undefined
  if (found) {
    res.writeHead(200, { 'content-type': found.type, 'docker-content-digest': m![1] === 'multi' ? digest('f') : m![1]! }).end(JSON.stringify(found.body))
    return
  }
  res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] }))
}

beforeAll(async () => {
  server = createServer(handle)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  port = (server.address() as { port: number }).port
})

afterAll(() => new Promise<void>((r) => server.close(() => r())))

const client = (cred: Credential | null, pageSize?: number) => new RegistryClient({ registry: `127.0.0.1:${port}`, credential: async () => cred, pageSize })
const right: Credential = { username: USER, password: PASSWORD, source: 'file' }

describe('RegistryClient against a token-authenticated registry', () => {
  it('pages the catalog with Link headers, fetching one token per scope', async () => {
    seen.length = 0
    const c = client(right, 2)
    expect(await c.catalog()).toEqual({ repositories: ['alpha', 'beta'], next: 'beta' })
    expect(await c.catalog('beta')).toEqual({ repositories: ['gamma'], next: null })
    expect(seen.filter((s) => s.path === '/token')).toHaveLength(1)
  })

  it('reads a two-platform index: each platform with its size, the total summed', async () => {
    const detail = await client(right).manifest('app', 'multi')
    expect(detail).toMatchObject({ kind: 'index', digest: digest('f'), size: 1010 + 2020 })
    expect(detail.platforms).toEqual([
      { os: 'linux', architecture: 'amd64', variant: null, digest: digest('1'), size: 1010 },
      { os: 'linux', architecture: 'arm64', variant: 'v8', digest: digest('2'), size: 2020 },
    ])
  })

  it('turns a wrong password at the token service into registry_login_failed', async () => {
    await expect(client({ ...right, password: 'nope' }).check()).rejects.toMatchObject({ code: 'PERMISSION_DENIED', details: { reason: 'registry_login_failed' } })
    await expect(client(right).check()).resolves.toBeUndefined()
  })

  it('asks for a login when there is no credential and the registry wants one', async () => {
    await expect(client(null).catalog()).rejects.toMatchObject({ details: { reason: 'registry_login_required' } })
  })

  it('says a missing tag is missing', async () => {
    await expect(client(right).manifest('app', 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND', details: { reason: 'registry_manifest_not_found' } })
  })

  it('says an unreachable registry is unreachable', async () => {
    await expect(new RegistryClient({ registry: '127.0.0.1:1', credential: async () => null }).catalog()).rejects.toMatchObject({ details: { reason: 'registry_unreachable' } })
  })
})

describe('baseUrlOf', () => {
  it('uses plain HTTP only on loopback, and Docker Hub’s registry host for docker.io', () => {
    expect(baseUrlOf('127.0.0.1:5000')).toBe('http://127.0.0.1:5000')
    expect(baseUrlOf('localhost:5000')).toBe('http://localhost:5000')
    expect(baseUrlOf('[::1]:5000')).toBe('http://[::1]:5000')
    expect(baseUrlOf('registry.example.com')).toBe('https://registry.example.com')
    expect(baseUrlOf('docker.io')).toBe('https://registry-1.docker.io')
  })
})

describe('where RegistryClient sends credentials for a token', () => {
  const secret: Credential = { username: 'alice', password: 'the-password', source: 'file' }
  const basic = `Basic ${Buffer.from('alice:the-password').toString('base64')}`

  /** A registry answering every request with a Bearer challenge naming `realm`; records every request made. */
  function challengingFetch(realm: string) {
    const calls: { url: string; authorization: string | null }[] = []
    const fake = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input)
      calls.push({ url, authorization: new Headers(init?.headers).get('authorization') })
      if (url.startsWith(realm)) return new Response(JSON.stringify({ token: 'T', expires_in: 300 }), { status: 200 })
      if (new Headers(init?.headers).get('authorization') === 'Bearer T') return new Response(JSON.stringify({ repositories: ['app'] }), { status: 200 })
      return new Response('{}', { status: 401, headers: { 'www-authenticate': `Bearer realm="${realm}",service="fake"` } })
    }) as typeof fetch
    return { fake, calls }
  }

  it.each(['http://auth.example/token', 'http://localhost.example/token', 'http://127.0.0.1.nip.io/token', 'http://192.0.2.10:8080/token'])(
    'a loopback registry naming the plain-HTTP token service %s gets an error, and the credentials go nowhere',
    async (realm) => {
      const { fake, calls } = challengingFetch(realm)
      const c = new RegistryClient({ registry: '127.0.0.1:5000', credential: async () => secret, fetch: fake })
      await expect(c.catalog()).rejects.toMatchObject({ code: 'PERMISSION_DENIED', details: { reason: 'registry_token_not_local', registry: '127.0.0.1:5000', tokenHost: new URL(realm).host } })
      expect(calls.map((call) => call.url)).toEqual(['http://127.0.0.1:5000/v2/_catalog?n=100'])
      expect(calls.some((call) => call.authorization !== null)).toBe(false)
    },
  )

  it('a registry on HTTPS naming a plain-HTTP token service gets an error, even one on loopback', async () => {
    const { fake, calls } = challengingFetch('http://127.0.0.1:9/token')
    const c = new RegistryClient({ registry: 'registry.example', credential: async () => secret, fetch: fake })
    await expect(c.catalog()).rejects.toMatchObject({ details: { reason: 'registry_insecure_token', tokenHost: '127.0.0.1:9' } })
    expect(calls).toHaveLength(1)
  })

  it.each([
    ['a loopback registry', '127.0.0.1:5000', 'http://localhost:5001/token'],
    ['a loopback registry', 'localhost:5000', 'http://[::1]:5001/token'],
    ['a loopback registry', '[::1]:5000', 'https://auth.example/token'],
    ['a registry on HTTPS', 'registry.example', 'https://auth.example/token'],
  ])('%s (%s) may send credentials to %s', async (_what, registry, realm) => {
    const { fake, calls } = challengingFetch(realm)
    const c = new RegistryClient({ registry, credential: async () => secret, fetch: fake })
    expect(await c.catalog()).toEqual({ repositories: ['app'], next: null })
    expect(calls.find((call) => call.url.startsWith(realm))?.authorization).toBe(basic)
  })

  // The same over real sockets: the registry on 127.0.0.1, the token service on this machine's own
  // non-loopback address (reachable, but not loopback), which must never see a request.
  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i?.family === 'IPv4' && !i.internal)?.address
  it.skipIf(!external)('a loopback registry cannot send them over plain HTTP to a token service on another address', async () => {
    const tokenRequests: (string | undefined)[] = []
    const tokenServer = createServer((req, res) => {
      tokenRequests.push(req.headers.authorization)
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"T"}')
    })
    await new Promise<void>((r) => tokenServer.listen(0, external, r))
    const tokenPort = (tokenServer.address() as { port: number }).port
    const registry = createServer((_req, res) => {
      res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${external}:${tokenPort}/token",service="fake"` }).end('{}')
    })
    await new Promise<void>((r) => registry.listen(0, '127.0.0.1', r))
    const registryPort = (registry.address() as { port: number }).port
    try {
      // The token service answers when asked directly: a refusal below is Berth's, not the network's.
      expect((await fetch(`http://${external}:${tokenPort}/probe`)).status).toBe(200)
      tokenRequests.length = 0
      const c = new RegistryClient({ registry: `127.0.0.1:${registryPort}`, credential: async () => secret })
      await expect(c.catalog()).rejects.toMatchObject({ details: { reason: 'registry_token_not_local', tokenHost: `${external}:${tokenPort}` } })
      await expect(c.check()).rejects.toMatchObject({ details: { reason: 'registry_token_not_local' } })
      expect(tokenRequests).toEqual([])
    } finally {
      await Promise.all([tokenServer, registry].map((s) => new Promise<void>((r) => s.close(() => r()))))
    }
  })
})
