import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CatalogPage, ManifestDetail, RegistryRow, TagsPage } from '../../src-shared/contract/registries'
import { EngineConnection } from '../../src-main/engine/connection'
import { CredentialStore } from '../../src-main/registry/credentials'
import { KnownRegistries } from '../../src-main/registry/known'
import { RegistryService } from '../../src-main/registry/service'
import { Services } from '../../src-main/services'
import { browserHost } from '../../src-main/transport/browser-host'
import { Router, type Outcome } from '../../src-main/transport/router'
import { engine, ENGINE_SOCKET, requireEngine, TEST_IMAGE } from '../helpers/engine'
import { startRegistry, type TestRegistry } from '../helpers/registry'

const { available } = await requireEngine()

type Refusal = { code: string; message: string; details?: Record<string, unknown> }

/**
 * Pushes through the engine; an error inside the 200 progress stream rejects. Engine 20.10
 * wants an X-Registry-Auth header even for an anonymous push: one naming only the server.
 */
async function push(reference: string, authconfig: object = { serveraddress: reference.split('/')[0] }): Promise<void> {
  const stream = await engine.getImage(reference).push({ authconfig })
  await new Promise<void>((resolve, reject) => {
    engine.modem.followProgress(stream, (err: Error | null, events: { error?: string }[]) => {
      const failed = err ?? events.find((e) => e.error)?.error
      if (failed) reject(new Error(`push ${reference}: ${String(failed)}`))
      else resolve()
    })
  })
}

describe.skipIf(!available)('registries: login, push with the stored credential, browse, logout', () => {
  const tags: string[] = []
  const repo = `berth-test/reg-${Math.random().toString(36).slice(2, 8)}`
  let open: TestRegistry
  let secured: TestRegistry
  let dockerDir: string
  let configDir: string
  let services: Services
  let router: Router

  beforeAll(async () => {
    ;[open, secured] = await Promise.all([startRegistry(), startRegistry({ auth: true })])
    dockerDir = mkdtempSync(join(tmpdir(), 'berth-it-docker-'))
    configDir = mkdtempSync(join(tmpdir(), 'berth-it-config-'))
    services = new Services({ host: browserHost(), configDir, engineUrl: `unix://${ENGINE_SOCKET}`, dockerConfigDir: dockerDir })
    await services.start()
    router = new Router(services)
    expect(services.connection.getStatus().state).toBe('connected')
  })

  afterAll(async () => {
    for (const tag of tags)
      await engine
        .getImage(tag)
        .remove()
        .catch(() => undefined)
    services?.dispose()
    await Promise.all([open?.stop(), secured?.stop()])
    rmSync(dockerDir, { recursive: true, force: true })
    rmSync(configDir, { recursive: true, force: true })
  })

  async function ok<T>(channel: string, params?: unknown): Promise<T> {
    const out = (await router.invoke(channel, params)) as Outcome<T>
    if (!out.ok) throw new Error(`${channel} failed: ${out.error.code} ${out.error.message}`)
    return out.value
  }

  async function refused(channel: string, params?: unknown): Promise<Refusal> {
    const out = await router.invoke(channel, params)
    expect(out.ok, `${channel} should have failed`).toBe(false)
    return (out as { ok: false; error: Refusal }).error
  }

  async function tagged(registry: TestRegistry, tag: string): Promise<string> {
    const reference = `${registry.host}/${repo}:${tag}`
    await engine.getImage(TEST_IMAGE).tag({ repo: `${registry.host}/${repo}`, tag })
    tags.push(reference)
    return reference
  }

  const configFile = () => join(dockerDir, 'config.json')
  const config = () => JSON.parse(readFileSync(configFile(), 'utf8')) as { auths?: Record<string, { auth?: string }> }

  it('browses an open registry: catalog, tags and a manifest with size and platform', async () => {
    await push(await tagged(open, '1'))
    await ok('registries:add', { registry: open.host })
    const catalog = await ok<CatalogPage>('registries:catalog', { registry: open.host })
    expect(catalog.repositories).toContain(repo)
    expect((await ok<TagsPage>('registries:tags', { registry: open.host, repository: repo })).tags).toEqual(['1'])
    const manifest = await ok<ManifestDetail>('registries:manifest', { registry: open.host, repository: repo, reference: '1' })
    const local = await engine.getImage(TEST_IMAGE).inspect()
    expect(manifest).toMatchObject({ kind: 'image', registry: open.host, platforms: [{ os: local.Os, architecture: local.Architecture }] })
    expect(manifest.digest).toMatch(/^sha256:[a-f0-9]{64}$/)
    // The busybox layer is about a megabyte compressed; config and layer sizes are summed.
    expect(manifest.size).toBeGreaterThan(100_000)
    expect(manifest.platforms[0]?.size).toBe(manifest.size)
  })

  it('refuses to list a protected registry before login', async () => {
    const error = await refused('registries:catalog', { registry: secured.host })
    expect(error).toMatchObject({ code: 'PERMISSION_DENIED', details: { reason: 'registry_login_required' } })
  })

  it('says a wrong password is wrong, stores nothing and never echoes it', async () => {
    const error = await refused('registries:login', { registry: secured.host, username: secured.user, password: 'not-the-password' })
    expect(error).toMatchObject({ code: 'PERMISSION_DENIED', details: { reason: 'registry_login_failed' } })
    expect(error.message).toContain('refused that user name and password')
    expect(JSON.stringify(error)).not.toContain('not-the-password')
    expect(existsSync(configFile())).toBe(false)
  })

  it('says when a registry cannot be reached', async () => {
    const error = await refused('registries:login', { registry: '127.0.0.1:1', username: 'u', password: 'p' })
    expect(error.details?.reason).toBe('registry_unreachable')
  })

  it('logs in with the right password and stores it in config.json like docker login', async () => {
    const row = await ok<RegistryRow>('registries:login', { registry: secured.host, username: secured.user, password: secured.password })
    expect(row).toMatchObject({ registry: secured.host, loggedIn: true, username: secured.user, source: 'file', inDockerConfig: true, addedInBerth: true })
    expect(JSON.stringify(row)).not.toContain(secured.password!)
    expect(config().auths?.[secured.host]?.auth).toBe(Buffer.from(`${secured.user}:${secured.password}`).toString('base64'))
    const listed = await ok<RegistryRow[]>('registries:list')
    expect(listed.map((r) => [r.registry, r.loggedIn])).toEqual(
      expect.arrayContaining([
        [secured.host, true],
        [open.host, false],
      ]),
    )
  })

  it('pushes through the engine with the stored credential, then lists the repository and its tag', async () => {
    const reference = await tagged(secured, '2')
    await expect(push(reference)).rejects.toThrow(/basic auth|unauthorized|authentication required/i)
    const auth = await services.credentials.authFor(secured.host)
    expect(auth).toEqual({ serveraddress: secured.host, username: secured.user, password: secured.password })
    await push(reference, auth!)
    expect((await ok<CatalogPage>('registries:catalog', { registry: secured.host })).repositories).toContain(repo)
    expect((await ok<TagsPage>('registries:tags', { registry: secured.host, repository: repo })).tags).toEqual(['2'])
    const missing = await refused('registries:manifest', { registry: secured.host, repository: repo, reference: 'nope' })
    expect(missing.details?.reason).toBe('registry_manifest_not_found')
  })

  it('logs out: the credential is gone from config.json and browsing asks for a login again', async () => {
    await ok('registries:logout', { registry: secured.host })
    expect(config().auths?.[secured.host]).toBeUndefined()
    expect(await services.credentials.authFor(secured.host)).toBeNull()
    const row = (await ok<RegistryRow[]>('registries:list')).find((r) => r.registry === secured.host)
    expect(row).toMatchObject({ loggedIn: false, addedInBerth: true })
    expect((await refused('registries:catalog', { registry: secured.host })).details?.reason).toBe('registry_login_required')
  })

  it('checks a login against the registry itself when no engine is connected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-it-docker-'))
    const offline = new RegistryService({ credentials: new CredentialStore({ dockerConfigDir: dir, env: process.env }), known: new KnownRegistries(dir), conn: new EngineConnection() })
    try {
      await expect(offline.login(secured.host, secured.user!, 'wrong')).rejects.toMatchObject({ details: { reason: 'registry_login_failed' } })
      expect(await offline.login(secured.host, secured.user!, secured.password!)).toMatchObject({ loggedIn: true })
      expect((await offline.tags(secured.host, repo)).tags).toEqual(['2'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
