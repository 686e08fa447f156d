import { createServer, type AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { isErrorShape } from '../../src-shared/contract/errors'
import { HubClient } from '../../src-main/hub/client'
import { v2Search } from '../../src-main/hub/search-endpoints'
import { startHubFixture, type HubFixture } from '../helpers/hub-fixture'

/** A port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()))
  const { port } = s.address() as AddressInfo
  await new Promise<void>((r) => s.close(() => r()))
  return port
}

// The Hub client against a local server that answers with Docker Hub's JSON (no internet here).
describe('Docker Hub client against the fixture server', () => {
  let hub: HubFixture
  beforeAll(async () => {
    hub = await startHubFixture()
  })
  afterAll(() => hub?.close())
  beforeEach(() => hub.setMode('ok'))

  const client = (opts: Partial<ConstructorParameters<typeof HubClient>[0]> = {}) => new HubClient({ baseUrl: hub.url, ...opts })
  const failure = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    )
    if (!isErrorShape(err)) throw new Error(`expected a BerthError, got ${String(err)}`)
    return err
  }

  it('searches with badges and pages through every result once', async () => {
    const c = client()
    const first = await c.search({ query: 'nginx', page: 1, pageSize: 10, officialOnly: false, verifiedOnly: false })
    expect(first.results[0]).toMatchObject({ namespace: 'library', name: 'nginx', badge: 'official', pullsAtLeast: true })
    expect(first.results.some((r) => r.badge === 'verified_publisher')).toBe(true)
    expect(first.hasNext).toBe(true)
    const names = new Set<string>()
    for (let page = 1; ; page++) {
      const p = await c.search({ query: 'nginx', page, pageSize: 10, officialOnly: false, verifiedOnly: false })
      for (const r of p.results) names.add(`${r.namespace}/${r.name}`)
      if (!p.hasNext) break
    }
    expect(names.size).toBe(first.total)
    expect(first.rateLimit).toMatchObject({ limit: 180 })
    expect(first.rateLimit?.remaining).toBeLessThan(180)
  })

  it('filters official only and verified only on the server', async () => {
    const official = await client().search({ query: 'nginx', page: 1, pageSize: 25, officialOnly: true, verifiedOnly: false })
    expect(official.results.map((r) => `${r.namespace}/${r.name}`)).toEqual(['library/nginx'])
    const verified = await client().search({ query: 'nginx', page: 1, pageSize: 25, officialOnly: false, verifiedOnly: true })
    expect(verified.results.length).toBeGreaterThan(1)
    expect(verified.results.every((r) => r.badge === 'verified_publisher')).toBe(true)
  })

  it('pages the documented v2 search too', async () => {
    const c = client({ search: v2Search })
    const one = await c.search({ query: 'nginx', page: 1, pageSize: 20, officialOnly: false, verifiedOnly: false })
    const two = await c.search({ query: 'nginx', page: 2, pageSize: 20, officialOnly: false, verifiedOnly: false })
    expect(one.hasNext).toBe(true)
    expect(two.hasNext).toBe(false)
    expect(one.results.length + two.results.length).toBe(one.total)
    expect(hub.requests.some((r) => r.startsWith('/v2/search/repositories/?'))).toBe(true)
  })

  it('falls back to the documented v2 search when the catalog search is gone', async () => {
    hub.setCatalogSearch(false)
    try {
      const c = client()
      const page = await c.search({ query: 'redis', page: 1, pageSize: 5, officialOnly: false, verifiedOnly: false })
      expect(page.results.map((r) => `${r.namespace}/${r.name}`)).toEqual(['library/redis'])
      expect(c.searchEndpoint).toBe('v2')
    } finally {
      hub.setCatalogSearch(true)
    }
  })

  it('reads a repository with its README and pages its tags', async () => {
    const c = client()
    const repo = await c.repository('library', 'nginx')
    expect(repo).toMatchObject({ namespace: 'library', name: 'nginx', official: true })
    expect(repo.readme).toContain('# What is nginx?')
    const p1 = await c.tags('library', 'nginx', 1, 25)
    const p2 = await c.tags('library', 'nginx', 2, 25)
    expect(p1.hasNext).toBe(true)
    expect(p2.hasNext).toBe(false)
    expect(p1.results.length + p2.results.length).toBe(p1.total)
    const latest = p1.results.find((t) => t.name === 'latest')
    expect(latest?.images.map((i) => i.architecture)).toEqual(['amd64', 'arm', 'arm64', '386', 'ppc64le', 's390x'])
  })

  it('answers a second identical request from its cache', async () => {
    const c = client()
    const before = hub.requests.length
    await c.repository('library', 'redis')
    await c.repository('library', 'redis')
    expect(hub.requests.length).toBe(before + 1)
  })

  it('says a missing repository is not found', async () => {
    const err = await failure(client().repository('nobody', 'nothing-here'))
    expect(err).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'hub_not_found' } })
    expect(err.message).toContain('nobody/nothing-here')
  })

  it('turns 429 into RATE_LIMITED with the retry-after in words', async () => {
    hub.setMode('rate-limited', { retryAfter: 120 })
    const err = await failure(client().search({ query: 'redis', page: 1, pageSize: 5, officialOnly: false, verifiedOnly: false }))
    expect(err).toMatchObject({ code: 'RATE_LIMITED', details: { reason: 'hub_rate_limited', retryAfterSeconds: 120 } })
    expect(err.message).toContain('try again in 2 minutes')
  })

  it('gives up on a Hub that does not answer, with hub_unreachable', async () => {
    hub.setMode('hang')
    const err = await failure(client({ timeoutMs: 300 }).repository('library', 'alpine-x'))
    expect(err.details?.reason).toBe('hub_unreachable')
    expect(err.message).toContain('did not answer')
  })

  it('says the Hub is unreachable when the connection is cut or nothing listens', async () => {
    hub.setMode('close')
    expect((await failure(client().repository('library', 'nginx'))).details?.reason).toBe('hub_unreachable')
    const nobody = new HubClient({ baseUrl: `http://127.0.0.1:${await closedPort()}` })
    const err = await failure(nobody.repository('library', 'nginx'))
    expect(err.details?.reason).toBe('hub_unreachable')
    expect(err.message).toContain('nothing answers')
  })

  it('calls a body that is not JSON, or not the expected JSON, a bad response', async () => {
    hub.setMode('not-json')
    expect((await failure(client().repository('library', 'nginx'))).details?.reason).toBe('hub_bad_response')
    hub.setMode('wrong-shape')
    expect((await failure(client().tags('library', 'nginx', 1, 10))).details?.reason).toBe('hub_bad_response')
  })
})
