import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Services } from './services'
import { browserHost } from './transport/browser-host'
import { Router } from './transport/router'

// The password of registries:login must never come back in an error or reach a log, whatever
// is wrong with the request.

let dir: string
let services: Services

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-registries-router-'))
  services = new Services({ host: browserHost(), configDir: dir, dockerConfigDir: join(dir, 'docker'), engineUrl: 'unix:///nonexistent/berth-test.sock' })
})

afterEach(() => {
  services.dispose()
  rmSync(dir, { recursive: true, force: true })
  vi.restoreAllMocks()
})

describe('registries:login through the router', () => {
  const secret = 'Sup3r-Secret-Passw0rd'
  const cases: [string, unknown][] = [
    ['a password longer than any registry accepts', { registry: '127.0.0.1:1', username: 'u', password: secret.repeat(400) }],
    ['a malformed registry host', { registry: 'not a host', username: 'u', password: secret }],
    ['an unknown field', { registry: '127.0.0.1:1', username: 'u', password: secret, extra: secret }],
    ['a user name with spaces', { registry: '127.0.0.1:1', username: 'a b', password: secret }],
    ['an unreachable registry', { registry: '127.0.0.1:1', username: 'u', password: secret }],
  ]

  for (const [what, params] of cases) {
    it(`refuses ${what} without echoing or logging the password`, async () => {
      const logged = [vi.spyOn(console, 'log'), vi.spyOn(console, 'warn'), vi.spyOn(console, 'error'), vi.spyOn(console, 'info'), vi.spyOn(console, 'debug')]
      const out = await new Router(services).invoke('registries:login', params)
      expect(out.ok).toBe(false)
      expect(JSON.stringify(out)).not.toContain(secret)
      for (const spy of logged) expect(JSON.stringify(spy.mock.calls)).not.toContain(secret)
    })
  }

  it('refuses an empty password with a sentence about the field', async () => {
    const out = await new Router(services).invoke('registries:login', { registry: '127.0.0.1:1', username: 'u', password: '' })
    expect(out).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(JSON.stringify(out)).toContain('password')
  })
})
