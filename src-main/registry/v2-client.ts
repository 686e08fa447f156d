import { createHash } from 'node:crypto'
import { BerthError } from '../../src-shared/contract/errors'
import type { CatalogPage, ManifestDetail, ManifestPlatform, TagsPage } from '../../src-shared/contract/registries'
import type { Credential } from './credentials'
import { HUB_HOST, isHub } from './hosts'
import { MANIFEST_ACCEPT, parseManifest, platformOfConfig, type Platform } from './manifest'
import { httpError, networkError } from './registry-errors'
import { nextCursor, parseWwwAuthenticate, type Challenge } from './www-authenticate'

// A client of the registry v2 HTTP API for browsing: catalog, tags, manifests. It answers the
// registry's 401 challenge itself, with Basic credentials or a bearer token fetched from the
// challenge's realm, using the credential it is given (never logged, never returned).

export interface V2ClientOptions {
  /** host[:port] as shown; `docker.io` means Docker Hub's registry-1.docker.io. */
  registry: string
  credential: () => Promise<Credential | null>
  fetch?: typeof fetch
  timeoutMs?: number
  /** Repositories and tags per page. */
  pageSize?: number
}

/** localhost, 127.0.0.0/8 or ::1 (a URL's hostname: IPv6 in brackets, IPv4 already in dotted form). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

/** Plain HTTP only on this machine's loopback (what the engine allows without configuration). */
export function baseUrlOf(registry: string): string {
  if (isHub(registry)) return 'https://registry-1.docker.io'
  return `${isLoopbackHost(registry.replace(/:\d+$/, '')) ? 'http' : 'https'}://${registry}`
}

const MAX_BODY = 8 * 1024 * 1024
const MAX_PLATFORMS = 64

interface Answer {
  status: number
  headers: Headers
  body: Buffer
}

export class RegistryClient {
  readonly registry: string
  readonly baseUrl: string
  private readonly fetchImpl: typeof fetch
  private readonly timeoutMs: number
  private readonly pageSize: number
  /** Bearer tokens by scope, and whether the registry wants Basic: a 401 round trip only once. */
  private readonly tokens = new Map<string, { token: string; expires: number }>()
  private basic = false

  constructor(private readonly options: V2ClientOptions) {
    this.registry = isHub(options.registry) ? HUB_HOST : options.registry
    this.baseUrl = baseUrlOf(options.registry)
    this.fetchImpl = options.fetch ?? fetch
    this.timeoutMs = options.timeoutMs ?? 20_000
    this.pageSize = options.pageSize ?? 100
  }

  /** GET /v2/ with the credential: resolves when the registry accepts it (login check). */
  async check(): Promise<void> {
    const res = await this.send('/v2/', { scope: '', what: 'its API', requireCredential: true })
    if (res.status !== 200) throw httpError(this.registry, res.status, res.body.toString('utf8'), 'its API')
  }

  async catalog(last?: string): Promise<CatalogPage> {
    const query = new URLSearchParams({ n: String(this.pageSize), ...(last ? { last } : {}) })
    const res = await this.ok(`/v2/_catalog?${query}`, 'registry:catalog:*', 'its catalog')
    const doc = this.json(res) as { repositories?: unknown }
    const repositories = Array.isArray(doc.repositories) ? doc.repositories.filter((r): r is string => typeof r === 'string') : []
    return { repositories, next: nextCursor(res.headers.get('link')) }
  }

  async tags(repository: string, last?: string): Promise<TagsPage> {
    const query = new URLSearchParams({ n: String(this.pageSize), ...(last ? { last } : {}) })
    const res = await this.ok(`/v2/${repository}/tags/list?${query}`, `repository:${repository}:pull`, `repository “${repository}”`)
    const doc = this.json(res) as { tags?: unknown }
    const tags = Array.isArray(doc.tags) ? doc.tags.filter((t): t is string => typeof t === 'string') : []
    return { tags, next: nextCursor(res.headers.get('link')) }
  }

  async manifest(repository: string, reference: string): Promise<ManifestDetail> {
    const scope = `repository:${repository}:pull`
    const top = await this.ok(`/v2/${repository}/manifests/${reference}`, scope, `the manifest ${repository}:${reference}`, MANIFEST_ACCEPT)
    const parsed = parseManifest(top.body.toString('utf8'), top.headers.get('content-type'))
    const digest = top.headers.get('docker-content-digest') ?? `sha256:${createHash('sha256').update(top.body).digest('hex')}`
    const base = { registry: this.registry, repository, reference, digest, mediaType: parsed.mediaType }
    if (parsed.kind === 'image') {
      const platform = await this.platformOf(repository, parsed.configDigest)
      return { ...base, kind: 'image', size: parsed.size, platforms: [{ ...platform, digest, size: parsed.size }] }
    }
    const entries = parsed.entries.filter((e) => !e.attestation).slice(0, MAX_PLATFORMS)
    const platforms: ManifestPlatform[] = []
    // A few at a time: an index of many platforms must not open dozens of connections at once.
    for (let i = 0; i < entries.length; i += 4) {
      platforms.push(...(await Promise.all(entries.slice(i, i + 4).map((e) => this.platformEntry(repository, e.digest, e.platform)))))
    }
    const sizes = platforms.map((p) => p.size)
    const size = sizes.length > 0 && sizes.every((s): s is number => s !== null) ? sizes.reduce((a, b) => a + b, 0) : null
    return { ...base, kind: 'index', size, platforms }
  }

  private async platformEntry(repository: string, digest: string, platform: Platform | null): Promise<ManifestPlatform> {
    try {
      const res = await this.ok(`/v2/${repository}/manifests/${digest}`, `repository:${repository}:pull`, `the manifest ${repository}@${digest}`, MANIFEST_ACCEPT)
      const child = parseManifest(res.body.toString('utf8'), res.headers.get('content-type'))
      if (child.kind !== 'image') return { ...(platform ?? unknownPlatform), digest, size: null }
      return { ...(platform ?? (await this.platformOf(repository, child.configDigest))), digest, size: child.size }
    } catch (err) {
      // The index named it; one unreadable child (garbage-collected, foreign layer) leaves its size unknown.
      if (err instanceof BerthError && err.code === 'NOT_FOUND') return { ...(platform ?? unknownPlatform), digest, size: null }
      throw err
    }
  }

  private async platformOf(repository: string, configDigest: string): Promise<Platform> {
    const res = await this.ok(`/v2/${repository}/blobs/${configDigest}`, `repository:${repository}:pull`, `the image config ${configDigest}`)
    return platformOfConfig(res.body.toString('utf8'))
  }

  private async ok(path: string, scope: string, what: string, accept?: string): Promise<Answer> {
    const res = await this.send(path, { scope, what, accept })
    if (res.status < 200 || res.status >= 300) throw httpError(this.registry, res.status, res.body.toString('utf8'), what)
    return res
  }

  private json(res: Answer): unknown {
    try {
      return JSON.parse(res.body.toString('utf8')) as unknown
    } catch {
      throw new BerthError('INTERNAL', `The registry ${this.registry} answered with something that is not JSON.`, { reason: 'registry_error', registry: this.registry })
    }
  }

  private async send(path: string, o: { scope: string; what: string; accept?: string; requireCredential?: boolean }): Promise<Answer> {
    let authorization = o.requireCredential ? null : await this.knownAuthorization(o.scope)
    let res = await this.fetchOnce(path, authorization, o.accept)
    if (res.status !== 401) return res
    const challenges = parseWwwAuthenticate(res.headers.get('www-authenticate') ?? '')
    authorization = await this.answerChallenge(challenges, o.scope, o.what, o.requireCredential ?? false)
    if (authorization === null) return res
    res = await this.fetchOnce(path, authorization, o.accept)
    if (res.status === 401 && o.requireCredential) throw loginFailed(this.registry)
    return res
  }

  private async knownAuthorization(scope: string): Promise<string | null> {
    const cached = this.tokens.get(scope)
    if (cached && cached.expires > Date.now()) return `Bearer ${cached.token}`
    if (this.basic) return this.basicHeader(await this.options.credential())
    return null
  }

  private basicHeader(cred: Credential | null): string | null {
    if (!cred || (!cred.username && !cred.password)) return null
    return `Basic ${Buffer.from(`${cred.username}:${cred.password}`, 'utf8').toString('base64')}`
  }

  /** The Authorization header that answers the challenge, or null when there is nothing to answer with. */
  private async answerChallenge(challenges: Challenge[], scope: string, what: string, requireCredential: boolean): Promise<string | null> {
    const cred = await this.options.credential()
    const bearer = challenges.find((c) => c.scheme === 'bearer')
    if (bearer?.params.realm) return this.fetchToken(bearer, scope, cred, what, requireCredential)
    if (challenges.some((c) => c.scheme === 'basic')) {
      const header = this.basicHeader(cred)
      if (header === null) throw loginRequired(this.registry, what)
      this.basic = true
      return header
    }
    return null
  }

  private async fetchToken(challenge: Challenge, scope: string, cred: Credential | null, what: string, requireCredential: boolean): Promise<string> {
    const realm = challenge.params.realm ?? ''
    let url: URL
    try {
      url = new URL(realm)
    } catch {
      throw new BerthError('INTERNAL', `The registry ${this.registry} named a token service that is not a URL.`, { reason: 'registry_error', registry: this.registry })
    }
    this.mayReceiveCredentials(url)
    const wanted = challenge.params.scope ?? scope
    const service = challenge.params.service
    const headers: Record<string, string> = {}
    let init: RequestInit
    if (cred?.identitytoken) {
      // An identity token is an OAuth2 refresh token: trade it at the same realm (distribution's token spec).
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: cred.identitytoken, client_id: 'berth', ...(service ? { service } : {}), ...(wanted ? { scope: wanted } : {}) })
      init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() }
    } else {
      if (service) url.searchParams.set('service', service)
      if (wanted) url.searchParams.set('scope', wanted)
      const basic = this.basicHeader(cred)
      if (basic) headers.authorization = basic
      else if (requireCredential) throw loginRequired(this.registry, what)
      init = { method: 'GET', headers }
    }
    let res: Response
    try {
      res = await this.fetchImpl(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(this.timeoutMs) })
    } catch (err) {
      throw networkError(`${this.registry} (token service ${url.host})`, err)
    }
    const text = await readLimited(res)
    if (res.status === 401 || res.status === 403) {
      if (cred) throw loginFailed(this.registry)
      throw loginRequired(this.registry, what)
    }
    if (!res.ok) throw httpError(this.registry, res.status, text.toString('utf8'), what)
    let doc: { token?: unknown; access_token?: unknown; expires_in?: unknown }
    try {
      doc = JSON.parse(text.toString('utf8')) as typeof doc
    } catch {
      doc = {}
    }
    const token = typeof doc.token === 'string' ? doc.token : typeof doc.access_token === 'string' ? doc.access_token : null
    if (!token) throw new BerthError('INTERNAL', `The token service of ${this.registry} gave no token.`, { reason: 'registry_error', registry: this.registry })
    const seconds = typeof doc.expires_in === 'number' && doc.expires_in > 0 ? doc.expires_in : 60
    this.tokens.set(scope, { token, expires: Date.now() + Math.max(0, seconds - 10) * 1000 })
    return `Bearer ${token}`
  }

  /**
   * Credentials go to a token service over HTTPS; over plain HTTP only when the registry and the
   * token service are both on this machine's loopback. A realm is the registry's to name, so a
   * loopback registry (any local program can be one) must not be able to send them elsewhere.
   */
  private mayReceiveCredentials(url: URL): void {
    if (url.protocol === 'https:') return
    const plainLoopback = url.protocol === 'http:' && this.baseUrl.startsWith('http:')
    if (plainLoopback && isLoopbackHost(url.hostname)) return
    if (plainLoopback) {
      throw new BerthError(
        'PERMISSION_DENIED',
        `The registry ${this.registry} asked Berth to send credentials over plain HTTP to ${url.host}, which is not this machine; Berth refused. A token service on another host must use HTTPS.`,
        { reason: 'registry_token_not_local', registry: this.registry, tokenHost: url.host },
      )
    }
    throw new BerthError('PERMISSION_DENIED', `The registry ${this.registry} asked Berth to send credentials to ${url.host} without HTTPS; Berth refused.`, {
      reason: 'registry_insecure_token',
      registry: this.registry,
      tokenHost: url.host,
    })
  }

  private async fetchOnce(path: string, authorization: string | null, accept?: string): Promise<Answer> {
    const headers: Record<string, string> = { 'user-agent': 'Berth' }
    if (authorization) headers.authorization = authorization
    if (accept) headers.accept = accept
    let res: Response
    try {
      res = await this.fetchImpl(`${this.baseUrl}${path}`, { headers, signal: AbortSignal.timeout(this.timeoutMs) })
    } catch (err) {
      throw networkError(this.registry, err)
    }
    return { status: res.status, headers: res.headers, body: await readLimited(res) }
  }
}

const unknownPlatform: Platform = { os: 'unknown', architecture: 'unknown', variant: null }

async function readLimited(res: Response): Promise<Buffer> {
  const length = Number(res.headers.get('content-length') ?? '0')
  if (length > MAX_BODY) {
    await res.body?.cancel()
    throw new BerthError('INTERNAL', 'The registry sent an answer too large to browse.', { reason: 'registry_error' })
  }
  const buf = Buffer.from(await res.arrayBuffer())
  if (buf.length > MAX_BODY) throw new BerthError('INTERNAL', 'The registry sent an answer too large to browse.', { reason: 'registry_error' })
  return buf
}

export function loginFailed(registry: string): BerthError {
  return new BerthError('PERMISSION_DENIED', `The registry ${registry} refused that user name and password. Check them and try again.`, { reason: 'registry_login_failed', registry })
}

function loginRequired(registry: string, what: string): BerthError {
  return new BerthError('PERMISSION_DENIED', `The registry ${registry} needs you to log in before it shows ${what}.`, { reason: 'registry_login_required', registry })
}
