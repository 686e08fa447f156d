import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Services } from './services'

// No engine is contacted here: Services only connects in start() and select().
let dir: string
let services: Services
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-services-'))
  services = new Services({ configDir: dir, engineUrl: 'unix:///nonexistent/berth-test.sock' })
})
afterEach(() => {
  services.dispose()
  rmSync(dir, { recursive: true, force: true })
})

describe('Services endpoints', () => {
  it('lists the engine given on the command line, named by its address, instead of discovering', () => {
    expect(services.endpoints().endpoints).toEqual([{ id: 'cli:engine', name: '/nonexistent/berth-test.sock', url: 'unix:///nonexistent/berth-test.sock', source: 'env', present: true }])
  })

  it('gives engines added in the same millisecond distinct ids that each resolve to their own URL', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-01-01T00:00:00Z') })
    const added = ['tcp://a.example:2375', 'tcp://b.example:2375', 'tcp://c.example:2375'].map((url) => services.addEndpoint(url))
    vi.useRealTimers()
    expect(new Set(added.map((e) => e.id)).size).toBe(3)
    const listed = services.endpoints().endpoints.filter((e) => e.source === 'user')
    expect(listed.map((e) => e.url)).toEqual(['tcp://a.example:2375', 'tcp://b.example:2375', 'tcp://c.example:2375'])
    services.forgetEndpoint(added[1]!.id)
    expect(services.endpoints().endpoints.map((e) => e.url)).not.toContain('tcp://b.example:2375')
    expect(services.endpoints().endpoints.map((e) => e.url)).toContain('tcp://c.example:2375')
  })

  it('returns the known engine when the same URL is added again', () => {
    const first = services.addEndpoint('ssh://ada@build.example', 'build box')
    expect(services.addEndpoint('ssh://ada@build.example')).toEqual(first)
    expect(first.name).toBe('build box')
  })

  it('keeps added engines across restarts', () => {
    const added = services.addEndpoint('tcp://a.example:2375')
    const again = new Services({ configDir: dir, engineUrl: 'unix:///nonexistent/berth-test.sock' })
    expect(again.endpoints().endpoints).toContainEqual(added)
    again.dispose()
  })

  it('refuses to forget a discovered engine', () => {
    expect(() => services.forgetEndpoint('cli:engine')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }))
  })

  it('answers NOT_FOUND for selecting an engine it does not know', async () => {
    await expect(services.select('user:nope')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
