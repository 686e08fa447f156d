import { existsSync, readFileSync } from 'node:fs'
import Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EngineConnection } from '../../src-main/engine/connection'
import { dockerOptions } from '../../src-main/engine/endpoint'
import type { ResolvedEndpoint } from '../../src-main/engine/resolved-endpoint'
import { requireEngine, TestRun } from '../helpers/engine'
import { SSHD, SshEngine } from '../helpers/ssh-engine'

const { available } = await requireEngine()
if (available && process.env.REQUIRE_ENGINE === '1' && !existsSync(SSHD)) throw new Error(`${SSHD} is missing: scripts/prepare-test-env.sh installs openssh-server`)

// Berth reaching the real engine the way `docker -H ssh://user@host` does: an ssh session that
// runs `docker system dial-stdio`, authenticated by an ssh-agent, the host checked against
// known_hosts. The sshd, agent, keys and home folder are this test's own.
describe.skipIf(!available || !existsSync(SSHD))('an engine reached over ssh://', () => {
  const run = new TestRun()
  const ssh = new SshEngine()
  const connections: EngineConnection[] = []

  function connect(): EngineConnection {
    const conn = new EngineConnection((e) => new Docker(dockerOptions(e, readFileSync, { home: ssh.home, agentSocket: ssh.agentSocket })))
    connections.push(conn)
    return conn
  }
  const endpoint = (): ResolvedEndpoint => ({ id: 'user:ssh', name: 'ssh test', url: ssh.url, source: 'user', present: true })

  beforeAll(async () => {
    await ssh.start()
  })

  afterAll(async () => {
    for (const c of connections) c.dispose()
    ssh.dispose()
    await run.cleanup()
    expect(await run.leftovers()).toEqual([])
  })

  it('connects to a host in known_hosts and lists and reads the logs of its containers', async () => {
    ssh.writeKnownHosts([ssh.knownHostsLine()])
    const c = await run.container('ssh', { start: true, cmd: ['sh', '-c', 'echo hello over ssh; exec sleep 100000'] })
    const conn = connect()
    const status = await conn.use(endpoint())
    expect(status).toMatchObject({ state: 'connected', endpoint: { url: ssh.url } })
    expect(status.info?.serverVersion).toMatch(/^\d+\./)
    const listed = await conn.run((d) => d.listContainers({ all: true }))
    expect(listed.some((x) => x.Id === c.id)).toBe(true)
    const logs = await conn.run((d) => d.getContainer(c.id).logs({ stdout: true, follow: false }))
    expect(logs.toString('latin1')).toContain('hello over ssh')
  })

  it('asks a host with several keys for the type known_hosts holds, as ssh does', async () => {
    // The host offers ed25519 first; known_hosts has only its RSA key.
    ssh.writeKnownHosts([ssh.knownHostsLine('rsa')])
    const status = await connect().use(endpoint())
    expect(status).toMatchObject({ state: 'connected' })
  })

  it('refuses a host missing from known_hosts and says how to trust it, with the key’s fingerprint', async () => {
    ssh.writeKnownHosts([])
    const status = await connect().use(endpoint())
    expect(status.state).toBe('disconnected')
    expect(status.error).toMatchObject({ code: 'ENGINE_UNREACHABLE', details: { reason: 'engine_ssh_host_unknown', host: `[127.0.0.1]:${ssh.port}`, fingerprint: expect.stringMatching(/^SHA256:/) } })
    expect(status.error?.message).toMatch(/connect once with ssh and accept the key/)
  })

  it('refuses a host whose key is not the one known_hosts has for it', async () => {
    ssh.writeKnownHosts([ssh.otherKnownHostsLine()])
    const status = await connect().use(endpoint())
    expect(status.state).toBe('disconnected')
    expect(status.error).toMatchObject({ code: 'ENGINE_UNREACHABLE', details: { reason: 'engine_ssh_host_changed' } })
    expect(status.error?.message).toMatch(/may be intercepting/)
  })
})
