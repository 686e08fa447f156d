import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SettingsStore } from '../settings/store'
import { EngineConnection } from './connection'
import { KnownEngines } from './known-engines'

// No engine is contacted here: only connectChosen() and select() connect.
const ENGINE_URL = 'unix:///nonexistent/berth-test.sock'
let dir: string
let engines: KnownEngines
const knownEngines = () => new KnownEngines({ connection: new EngineConnection(), settings: new SettingsStore(dir), engineUrl: ENGINE_URL, env: {} })
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-engines-'))
  engines = knownEngines()
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('KnownEngines', () => {
  it('lists the engine given on the command line, named by its address, instead of discovering', () => {
    expect(engines.list().endpoints).toEqual([{ id: 'cli:engine', name: '/nonexistent/berth-test.sock', url: ENGINE_URL, source: 'env', present: true }])
  })

  it('gives engines added in the same millisecond distinct ids that each resolve to their own URL', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-01-01T00:00:00Z') })
    const added = ['tcp://a.example:2375', 'tcp://b.example:2375', 'tcp://c.example:2375'].map((url) => engines.add(url))
    vi.useRealTimers()
    expect(new Set(added.map((e) => e.id)).size).toBe(3)
    const listed = engines.list().endpoints.filter((e) => e.source === 'user')
    expect(listed.map((e) => e.url)).toEqual(['tcp://a.example:2375', 'tcp://b.example:2375', 'tcp://c.example:2375'])
    engines.forget(added[1]!.id)
    expect(engines.list().endpoints.map((e) => e.url)).not.toContain('tcp://b.example:2375')
    expect(engines.list().endpoints.map((e) => e.url)).toContain('tcp://c.example:2375')
  })

  it('returns the known engine when the same URL is added again', () => {
    const first = engines.add('ssh://ada@build.example', 'build box')
    expect(engines.add('ssh://ada@build.example')).toEqual(first)
    expect(first.name).toBe('build box')
  })

  it('keeps added engines across restarts', () => {
    const added = engines.add('tcp://a.example:2375')
    expect(knownEngines().list().endpoints).toContainEqual(added)
  })

  it('refuses to forget a discovered engine', () => {
    expect(() => engines.forget('cli:engine')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
  })

  it('answers NOT_FOUND for selecting an engine it does not know', async () => {
    await expect(engines.select('user:nope')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
