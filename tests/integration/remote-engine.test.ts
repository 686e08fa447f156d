import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ContainerRow, LogMessage } from '../../src-shared/contract'
import { Services } from '../../src-main/services'
import { browserHost } from '../../src-main/transport/browser-host'
import { Router } from '../../src-main/transport/router'
import { FakeRenderer, requireEngine, TestRun } from '../helpers/engine'
import { TcpEngine, TestCertificates } from '../helpers/tcp-engine'

const { available } = await requireEngine()

/** Berth as started with these environment variables (discovery reads DOCKER_HOST and friends). */
async function servicesWith(env: Record<string, string>): Promise<{ services: Services; router: Router; dispose(): void }> {
  const configDir = mkdtempSync(join(tmpdir(), 'berth-it-config-'))
  const services = new Services({ host: browserHost(), configDir, env: { HOME: configDir, ...env }, dockerConfigDir: join(configDir, 'docker') })
  await services.start()
  return {
    services,
    router: new Router(services),
    dispose() {
      services.dispose()
      rmSync(configDir, { recursive: true, force: true })
    },
  }
}

// The engine's socket offered over TCP by a forwarder in this test, as `dockerd -H tcp://…`
// (with `--tlsverify` for the TLS cases) offers it: Berth reaches the real engine over TCP.
describe.skipIf(!available)('an engine reached over tcp://', () => {
  const run = new TestRun()
  const certs = new TestCertificates()
  const tlsEngine = new TcpEngine(certs)
  const plainEngine = new TcpEngine(null)

  beforeAll(async () => {
    await tlsEngine.start()
    await plainEngine.start()
  })

  afterAll(async () => {
    await tlsEngine.dispose()
    await plainEngine.dispose()
    certs.dispose()
    await run.cleanup()
    expect(await run.leftovers()).toEqual([])
  })

  it('lists, stops and streams the logs of containers over TLS with the client certificate in DOCKER_CERT_PATH', async () => {
    const c = await run.container('tls', { start: true, cmd: ['sh', '-c', 'echo hello over tls; exec sleep 100000'] })
    const { services, router, dispose } = await servicesWith({ DOCKER_HOST: tlsEngine.url, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs.clientDir })
    const r = new FakeRenderer()
    try {
      expect(services.connection.getStatus()).toMatchObject({ state: 'connected', endpoint: { url: tlsEngine.url } })
      const rows = await router.invoke('containers:list', undefined)
      expect(rows.ok && (rows.value as ContainerRow[]).find((row) => row.id === c.id)).toMatchObject({ name: c.name, state: 'running' })

      const sub = router.subscribe(r.session, 'logs:lines', { id: c.id, tail: 10, follow: true }, r.sink)
      if (!sub.ok) throw new Error('subscribing to logs failed')
      await vi.waitFor(() => {
        const lines = r.messagesOf<LogMessage>(sub.value).flatMap((m) => (m.kind === 'lines' ? m.lines.map((l) => l.text) : []))
        expect(lines).toContain('hello over tls')
      })

      expect(await router.invoke('containers:stop', { id: c.id, timeoutSeconds: 1 })).toMatchObject({ ok: true })
      expect((await run.stateOf(c.id))?.Running).toBe(false)
    } finally {
      router.closeSession(r.session)
      dispose()
    }
  })

  it('says the engine’s certificate is not trusted when DOCKER_CERT_PATH holds another CA, and lists nothing', async () => {
    const other = new TestCertificates()
    const { services, router, dispose } = await servicesWith({ DOCKER_HOST: tlsEngine.url, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: other.clientDir })
    try {
      const status = services.connection.getStatus()
      expect(status.state).not.toBe('connected')
      expect(status.error).toMatchObject({ code: 'ENGINE_UNREACHABLE', details: { reason: 'engine_tls_untrusted', detail: 'self-signed certificate in certificate chain' } })
      expect(status.error?.message).toMatch(/does not trust the engine’s TLS certificate/)
      expect(await router.invoke('containers:list', undefined)).toMatchObject({ ok: false, error: { code: 'ENGINE_UNREACHABLE' } })
    } finally {
      dispose()
      other.dispose()
    }
  })

  it('names the TLS file it cannot read when DOCKER_CERT_PATH lacks the client certificate', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'berth-it-nocert-'))
    writeFileSync(join(empty, 'ca.pem'), certs.read('ca.pem'))
    const { services, dispose } = await servicesWith({ DOCKER_HOST: tlsEngine.url, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: empty })
    try {
      const status = services.connection.getStatus()
      expect(status.state).not.toBe('connected')
      expect(status.error).toMatchObject({ code: 'ENGINE_UNREACHABLE', details: { reason: 'engine_tls_files', path: join(empty, 'cert.pem'), errno: 'ENOENT' } })
      expect(status.error?.message).toContain(join(empty, 'cert.pem'))
    } finally {
      dispose()
      rmSync(empty, { recursive: true, force: true })
    }
  })

  it('connects to a TLS engine added in Settings with its certificate folder, and refuses a folder without the files', async () => {
    const { router, dispose } = await servicesWith({ DOCKER_HOST: plainEngine.url })
    try {
      const bad = await router.invoke('engine:add', { url: tlsEngine.url, tlsDir: certs.dir })
      expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { reason: 'engine_tls_folder', missing: 'cert.pem, key.pem' } } })
      expect(await router.invoke('engine:add', { url: 'ssh://me@example.com', tlsDir: certs.clientDir })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })

      const added = await router.invoke('engine:add', { url: tlsEngine.url, name: 'TLS test', tlsDir: certs.clientDir })
      if (!added.ok) throw new Error(added.error.message)
      const selected = await router.invoke('engine:select', { id: (added.value as { id: string }).id })
      expect(selected).toMatchObject({ ok: true, value: { state: 'connected', endpoint: { url: tlsEngine.url, name: 'TLS test' } } })
      expect(await router.invoke('containers:list', undefined)).toMatchObject({ ok: true })
    } finally {
      dispose()
    }
  })

  it('lists containers of an engine on plain tcp://', async () => {
    const c = await run.container('plain', { start: true })
    const { services, router, dispose } = await servicesWith({ DOCKER_HOST: plainEngine.url })
    try {
      expect(services.connection.getStatus()).toMatchObject({ state: 'connected', endpoint: { url: plainEngine.url } })
      const rows = await router.invoke('containers:list', undefined)
      expect(rows.ok && (rows.value as ContainerRow[]).some((row) => row.id === c.id)).toBe(true)
    } finally {
      dispose()
    }
  })
})
