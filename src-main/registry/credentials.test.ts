import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { helperCalls, helperStoreContents, installFakeHelper } from '../../tests/helpers/fake-credential-helper'
import { CredentialStore } from './credentials'
import { HUB_KEY } from './hosts'

let dir: string
let bin: string
let env: Record<string, string | undefined>

const b64 = (s: string) => Buffer.from(s).toString('base64')
const writeConfig = (doc: unknown) => writeFileSync(join(dir, 'config.json'), JSON.stringify(doc))
const readConfig = () => JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>
const store = (timeout?: number) => new CredentialStore({ dockerConfigDir: dir, env, helperTimeoutMs: timeout })

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-docker-config-'))
  bin = join(dir, 'bin')
  env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` }
})

afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('credential lookup order', () => {
  it('reads user and password from the base64 auth of auths', async () => {
    writeConfig({ auths: { 'reg.example:5000': { auth: b64('alice:pa:ss') } } })
    expect(await store().authFor('reg.example:5000')).toEqual({ serveraddress: 'reg.example:5000', username: 'alice', password: 'pa:ss' })
  })

  it('finds an auths entry written as a URL with a path', async () => {
    writeConfig({ auths: { 'https://reg.example:5000/v2/': { auth: b64('alice:pw') } } })
    expect((await store().lookup('reg.example:5000'))?.username).toBe('alice')
  })

  it('passes an identity token instead of a password', async () => {
    writeConfig({ auths: { 'reg.example': { auth: b64('alice:'), identitytoken: 'tok-1' } } })
    expect(await store().authFor('reg.example')).toEqual({ serveraddress: 'reg.example', identitytoken: 'tok-1' })
  })

  it('normalises every Docker Hub alias to the index URL key', async () => {
    writeConfig({ auths: { [HUB_KEY]: { auth: b64('hubuser:hubpw') } } })
    for (const alias of ['docker.io', 'index.docker.io', 'registry-1.docker.io', HUB_KEY]) {
      expect(await store().authFor(alias)).toEqual({ serveraddress: HUB_KEY, username: 'hubuser', password: 'hubpw' })
    }
  })

  it('asks credsStore before auths, with the Hub key on stdin', async () => {
    installFakeHelper(bin, 'global', { [HUB_KEY]: { Username: 'from-helper', Secret: 'helper-pw' } })
    writeConfig({ credsStore: 'global', auths: { [HUB_KEY]: { auth: b64('from-file:file-pw') } } })
    expect(await store().lookup('docker.io')).toEqual({ username: 'from-helper', password: 'helper-pw', source: 'helper:global' })
    expect(helperCalls(bin, 'global')).toEqual([`get ${HUB_KEY}`])
  })

  it('asks credHelpers[registry] before credsStore', async () => {
    installFakeHelper(bin, 'global', { 'reg.example': { Username: 'global-user', Secret: 'g' } })
    installFakeHelper(bin, 'special', { 'reg.example': { Username: 'special-user', Secret: 's' } })
    writeConfig({ credsStore: 'global', credHelpers: { 'reg.example': 'special' }, auths: { 'reg.example': { auth: b64('file:f') } } })
    expect(await store().lookup('reg.example')).toMatchObject({ username: 'special-user', source: 'helper:special' })
    expect(helperCalls(bin, 'global')).toEqual([])
    // Another registry still goes to the global store.
    expect(await store().lookup('other.example')).toBeNull()
    expect(helperCalls(bin, 'global')).toEqual(['get other.example'])
  })

  it('reads the <token> user of a helper as an identity token', async () => {
    installFakeHelper(bin, 'global', { 'reg.example': { Username: '<token>', Secret: 'refresh-tok' } })
    writeConfig({ credsStore: 'global' })
    expect(await store().authFor('reg.example')).toEqual({ serveraddress: 'reg.example', identitytoken: 'refresh-tok' })
  })

  it('gives pull no credentials when the helper is missing, but tells login why', async () => {
    writeConfig({ credsStore: 'not-installed' })
    expect(await store().authFor('reg.example')).toBeNull()
    await expect(store().lookup('reg.example')).rejects.toMatchObject({ details: { reason: 'registry_helper_failed' } })
  })

  it('stops waiting for a helper that hangs', async () => {
    installFakeHelper(bin, 'slow')
    env.FAKE_HELPER_HANG = 'slow'
    writeConfig({ credsStore: 'slow' })
    await expect(store(300).lookup('reg.example')).rejects.toMatchObject({ details: { reason: 'registry_helper_timeout' } })
  })
})

describe('writing config.json', () => {
  it('stores in auths, keeps every other key and writes mode 0600', async () => {
    writeConfig({
      proxies: { default: { httpProxy: 'http://proxy:3128' } },
      currentContext: 'remote',
      auths: { 'keep.example': { auth: b64('k:v'), email: 'k@example.com' } },
      plugins: { x: { y: '1' } },
    })
    const summary = await store().save('new.example:5000', 'bob', 'secret')
    expect(summary).toEqual({ registry: 'new.example:5000', loggedIn: true, username: 'bob', source: 'file', problem: null })
    const after = readConfig()
    expect(after.proxies).toEqual({ default: { httpProxy: 'http://proxy:3128' } })
    expect(after.currentContext).toBe('remote')
    expect(after.plugins).toEqual({ x: { y: '1' } })
    expect(after.auths).toEqual({ 'keep.example': { auth: b64('k:v'), email: 'k@example.com' }, 'new.example:5000': { auth: b64('bob:secret') } })
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600)
  })

  it('creates config.json when there is none, and a Hub login goes under the index URL', async () => {
    await store().save('docker.io', 'hubby', 'pw')
    expect(readConfig()).toEqual({ auths: { [HUB_KEY]: { auth: b64('hubby:pw') } } })
  })

  it('stores in the configured helper and leaves only an empty entry in the file', async () => {
    installFakeHelper(bin, 'global')
    writeConfig({ credsStore: 'global', auths: { 'reg.example': { auth: b64('old:plaintext') } } })
    const summary = await store().save('reg.example', 'carol', 'pw2')
    expect(summary.source).toBe('helper:global')
    expect(helperStoreContents(bin, 'global')).toEqual({ 'reg.example': { Username: 'carol', Secret: 'pw2' } })
    expect(readConfig()).toEqual({ credsStore: 'global', auths: { 'reg.example': {} } })
  })

  it('erases from the helper and the file on logout', async () => {
    installFakeHelper(bin, 'global', { 'reg.example': { Username: 'carol', Secret: 'pw2' } })
    writeConfig({ credsStore: 'global', auths: { 'reg.example': {} }, other: 1 })
    expect(await store().erase('reg.example')).toBe(true)
    expect(helperStoreContents(bin, 'global')).toEqual({})
    expect(readConfig()).toEqual({ credsStore: 'global', auths: {}, other: 1 })
    expect(await store().erase('reg.example')).toBe(false)
  })

  it('keeps an identity token instead of the password when the registry gave one', async () => {
    await store().save('reg.example', 'dave', 'pw', 'id-token')
    expect(readConfig()).toEqual({ auths: { 'reg.example': { auth: b64('dave:'), identitytoken: 'id-token' } } })
    expect(await store().authFor('reg.example')).toEqual({ serveraddress: 'reg.example', identitytoken: 'id-token' })
  })

  it('refuses to overwrite a config.json it cannot parse', async () => {
    writeFileSync(join(dir, 'config.json'), '{ not json')
    await expect(store().save('reg.example', 'a', 'b')).rejects.toMatchObject({ details: { reason: 'registry_config_invalid' } })
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe('{ not json')
  })
})

describe('listing', () => {
  it('lists file, per-registry helper and global helper registries with user names and no secrets', async () => {
    installFakeHelper(bin, 'global', { [HUB_KEY]: { Username: 'hubber', Secret: 'x' } })
    installFakeHelper(bin, 'special', { 'special.example': { Username: 'sp', Secret: 'y' } })
    writeConfig({ credsStore: 'global', credHelpers: { 'special.example': 'special' }, auths: { 'reg.example': {} } })
    const list = await store().list()
    expect(list).toEqual([
      { registry: 'docker.io', loggedIn: true, username: 'hubber', source: 'helper:global', problem: null },
      { registry: 'reg.example', loggedIn: false, username: null, source: 'helper:global', problem: null },
      { registry: 'special.example', loggedIn: true, username: 'sp', source: 'helper:special', problem: null },
    ])
    expect(JSON.stringify(list)).not.toMatch(/"x"|"y"/)
  })
})

describe('registries named like what every object inherits', () => {
  const inherited = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__']

  it.each(inherited)('a registry named %s has no credentials and no helper when config.json has none for it', async (name) => {
    writeConfig({ auths: { 'reg.example': { auth: b64('alice:pw') } }, credHelpers: { 'special.example': 'special' } })
    const s = store()
    expect(s.helperFor(name)).toBeNull()
    expect(await s.lookup(name)).toBeNull()
    expect(await s.authFor(name)).toBeNull()
    expect(await s.erase(name)).toBe(false)
  })

  it('a registry named constructor is asked of the credential store, like any registry it does not list', async () => {
    installFakeHelper(bin, 'global')
    writeConfig({ credsStore: 'global' })
    expect(store().helperFor('constructor')).toBe('global')
    expect(await store().lookup('constructor')).toBeNull()
    expect(helperCalls(bin, 'global')).toEqual(['get constructor'])
  })

  it('finds entries that really are named constructor, and logs in to such a registry like any other', async () => {
    writeConfig({ auths: { constructor: { auth: b64('c:pw') } } })
    expect(await store().lookup('constructor')).toEqual({ username: 'c', password: 'pw', source: 'file' })
    await store().save('valueof', 'v', 'pw2')
    expect(Object.keys(readConfig().auths as object)).toEqual(['constructor', 'valueof'])
    expect((await store().list()).map((c) => c.registry)).toEqual(['constructor', 'valueof'])
    installFakeHelper(bin, 'special', { constructor: { Username: 'h', Secret: 'hs' } })
    writeConfig({ credHelpers: { constructor: 'special' } })
    expect(store().helperFor('constructor')).toBe('special')
    expect(await store().lookup('constructor')).toEqual({ username: 'h', password: 'hs', source: 'helper:special' })
  })

  it('reads an auths entry named __proto__ as an entry, not as the object every other look-up falls back on', async () => {
    // JSON text, not an object literal: `{ __proto__: … }` in code would set a prototype instead.
    writeFileSync(join(dir, 'config.json'), `{"auths": {"__proto__": {"reg.example": {"auth": "${b64('mallory:pw')}"}}, "other.example": {"auth": "${b64('o:pw')}"}}}`)
    expect(await store().lookup('reg.example')).toBeNull()
    expect((await store().lookup('other.example'))?.username).toBe('o')
    // Written back as it was read: the odd entry stays, under its own name.
    await store().save('new.example', 'n', 'pw')
    expect(Object.keys(readConfig().auths as object)).toEqual(['__proto__', 'other.example', 'new.example'])
  })
})
