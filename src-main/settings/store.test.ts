import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_PREFERENCES } from '../../src-shared/contract/preferences'
import { SettingsStore } from './store'

const DEFAULTS = { userEndpoints: [], activeEndpointId: null, preferences: DEFAULT_PREFERENCES }
const remote = { id: 'user:1', name: 'build box', url: 'tcp://build.example:2375' }

let dir: string
let file: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-settings-'))
  file = join(dir, 'settings.json')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('SettingsStore', () => {
  it('starts from the defaults when there is no file yet', () => {
    expect(new SettingsStore(join(dir, 'not-yet-created')).get()).toEqual(DEFAULTS)
  })

  it('writes changes as JSON that a new store reads back', () => {
    const store = new SettingsStore(dir)
    store.update((s) => ({ ...s, userEndpoints: [remote], activeEndpointId: 'user:1' }))
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ userEndpoints: [remote], activeEndpointId: 'user:1' })
    expect(new SettingsStore(dir).get()).toEqual({ ...DEFAULTS, userEndpoints: [remote], activeEndpointId: 'user:1' })
  })

  it('creates the config folder on the first change', () => {
    const nested = join(dir, 'a', 'b')
    new SettingsStore(nested).update((s) => ({ ...s, activeEndpointId: 'x' }))
    expect(JSON.parse(readFileSync(join(nested, 'settings.json'), 'utf8')).activeEndpointId).toBe('x')
  })

  it('writes through a temporary file and leaves none behind', () => {
    const store = new SettingsStore(dir)
    store.update((s) => ({ ...s, activeEndpointId: 'a' }))
    store.update((s) => ({ ...s, activeEndpointId: 'b' }))
    expect(readdirSync(dir)).toEqual(['settings.json'])
  })

  it('keeps the file readable only by its owner', () => {
    new SettingsStore(dir).update((s) => ({ ...s, activeEndpointId: 'a' }))
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it('leaves the file and the current settings untouched when a write fails', () => {
    const store = new SettingsStore(dir)
    store.update((s) => ({ ...s, userEndpoints: [remote] }))
    const before = readFileSync(file, 'utf8')
    // A folder where the temporary file should go makes the write fail, as a full disk would.
    mkdirSync(`${file}.${process.pid}.tmp`)
    expect(() => store.update((s) => ({ ...s, userEndpoints: [] }))).toThrow()
    expect(readFileSync(file, 'utf8')).toBe(before)
    expect(store.get().userEndpoints).toEqual([remote])
  })

  it('survives a corrupt file with the defaults and keeps the corrupt file aside', () => {
    writeFileSync(file, '{"userEndpoints": [ {"id": "user:1", ')
    const store = new SettingsStore(dir)
    expect(store.get()).toEqual(DEFAULTS)
    expect(readFileSync(`${file}.corrupt`, 'utf8')).toBe('{"userEndpoints": [ {"id": "user:1", ')
    store.update((s) => ({ ...s, activeEndpointId: 'socket:docker' }))
    expect(new SettingsStore(dir).get().activeEndpointId).toBe('socket:docker')
    expect(readFileSync(`${file}.corrupt`, 'utf8')).toContain('user:1')
  })

  it('survives JSON that is not an object', () => {
    for (const text of ['null', '[]', '42', '"settings"', '']) {
      writeFileSync(file, text)
      expect(new SettingsStore(dir).get()).toEqual(DEFAULTS)
    }
  })

  it('keeps the valid fields when one field holds a wrong value', () => {
    writeFileSync(file, JSON.stringify({ userEndpoints: [remote], activeEndpointId: 5, preferences: { locale: 'xx', theme: 'dark' } }))
    expect(new SettingsStore(dir).get()).toEqual({ ...DEFAULTS, userEndpoints: [remote] })
    expect(readdirSync(dir)).toEqual(['settings.json'])
  })

  it('gives a preference missing from an older file its default and keeps the ones it has', () => {
    writeFileSync(file, JSON.stringify({ preferences: { locale: 'ko', theme: 'dark' } }))
    expect(new SettingsStore(dir).get().preferences).toEqual({ ...DEFAULT_PREFERENCES, locale: 'ko', theme: 'dark' })
  })

  it('drops a damaged added engine but keeps the others', () => {
    writeFileSync(file, JSON.stringify({ userEndpoints: [{ id: 'user:0', url: 42 }, remote], activeEndpointId: 'user:1' }))
    expect(new SettingsStore(dir).get()).toEqual({ ...DEFAULTS, userEndpoints: [remote], activeEndpointId: 'user:1' })
  })

  it('refuses a change that does not fit the settings shape, and keeps what it had', () => {
    const store = new SettingsStore(dir)
    store.update((s) => ({ ...s, userEndpoints: [remote] }))
    expect(() => store.update((s) => ({ ...s, preferences: { locale: 'klingon' } as never }))).toThrow()
    expect(store.get().userEndpoints).toEqual([remote])
  })

  it('hands changes a copy, so a change that throws leaves the settings as they were', () => {
    const store = new SettingsStore(dir)
    store.update((s) => ({ ...s, userEndpoints: [remote] }))
    expect(() =>
      store.update((s) => {
        s.userEndpoints.length = 0
        throw new Error('changed my mind')
      }),
    ).toThrow('changed my mind')
    expect(store.get().userEndpoints).toEqual([remote])
  })
})
