import { createServer, type Server } from 'node:net'
import { describe, expect, it } from 'vitest'
import type { RunResult } from '../../src-shared/contract/run'
import type { Outcome } from '../../src-main/transport/router'
import { dockerCli, engine, requireEngine, TEST_IMAGE, TEST_LABEL, TestRun } from '../helpers/engine'
import { routerOnEngine } from '../helpers/router-on-engine'

const { available } = await requireEngine()

/** A TCP server on a free port of every address; the port it got. */
async function listen(): Promise<{ server: Server; port: number }> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve))
  return { server, port: (server.address() as { port: number }).port }
}

async function freePort(): Promise<number> {
  const { server, port } = await listen()
  await new Promise((r) => server.close(r))
  return port
}

describe.skipIf(!available)('run:start on the real engine', () => {
  const run = new TestRun()
  const on = routerOnEngine(run)
  const label = () => [{ key: TEST_LABEL, value: run.id }]

  async function invoke(params: Record<string, unknown>): Promise<Outcome<RunResult>> {
    return (await on.router.invoke('run:start', params)) as Outcome<RunResult>
  }

  it('runs with a published port, a memory and a CPU limit that become cgroup limits', async () => {
    const port = await freePort()
    const name = run.name('limits')
    const out = await invoke({
      image: TEST_IMAGE,
      name,
      ports: [{ hostIp: '127.0.0.1', hostPort: port, containerPort: 80 }],
      env: [{ key: 'GREETING', value: 'hello world' }],
      memoryBytes: 64 * 1024 * 1024,
      cpus: 0.5,
      restart: { policy: 'on-failure', maxRetries: 2 },
      command: ['sh', '-c', 'echo "$GREETING"; sleep 100000'],
      labels: label(),
    })
    if (!out.ok) throw new Error(out.error.message)
    const inspect = await engine.getContainer(out.value.id).inspect()
    expect(inspect.Name).toBe(`/${name}`)
    expect(inspect.State.Running).toBe(true)
    expect(inspect.HostConfig.Memory).toBe(64 * 1024 * 1024)
    expect(inspect.HostConfig.NanoCpus).toBe(500_000_000)
    expect(inspect.HostConfig.PortBindings).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] })
    expect(inspect.HostConfig.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 2 })
    expect(inspect.NetworkSettings.Ports['80/tcp']).toEqual([{ HostIp: '127.0.0.1', HostPort: String(port) }])
    expect(inspect.Config.Env).toContain('GREETING=hello world')
    // The limits are the container's cgroup (v1 on this machine): memory in bytes, CPU as a CFS quota.
    expect(await dockerCli('exec', out.value.id, 'cat', '/sys/fs/cgroup/memory/memory.limit_in_bytes')).toBe(String(64 * 1024 * 1024))
    const quota = Number(await dockerCli('exec', out.value.id, 'cat', '/sys/fs/cgroup/cpu/cpu.cfs_quota_us'))
    const period = Number(await dockerCli('exec', out.value.id, 'cat', '/sys/fs/cgroup/cpu/cpu.cfs_period_us'))
    expect(quota / period).toBe(0.5)
  })

  it('mounts a named volume and runs with auto-remove, which removes the container when it exits', async () => {
    const volume = `berth-${run.id}-vol`
    const out = await invoke({
      image: TEST_IMAGE,
      name: run.name('auto'),
      mounts: [{ type: 'volume', source: volume, target: '/data' }],
      command: ['sh', '-c', 'echo kept > /data/file'],
      autoRemove: true,
      labels: label(),
    })
    if (!out.ok) throw new Error(out.error.message)
    for (let i = 0; i < 100 && (await run.stateOf(out.value.id)) !== null; i++) await new Promise((r) => setTimeout(r, 100))
    expect(await run.stateOf(out.value.id)).toBeNull()
    expect(await dockerCli('run', '--rm', '-v', `${volume}:/data`, TEST_IMAGE, 'cat', '/data/file')).toBe('kept')
    await engine.getVolume(volume).remove()
  })

  it('refuses a host port that a program already holds, naming the port, and leaves no container behind', async () => {
    const { server, port } = await listen()
    try {
      const name = run.name('taken')
      const out = await invoke({ image: TEST_IMAGE, name, ports: [{ hostPort: port, containerPort: 80 }], command: ['sleep', '100000'], labels: label() })
      expect(out.ok).toBe(false)
      const error = (out as { ok: false; error: { code: string; message: string; details?: Record<string, unknown> } }).error
      expect(error.code).toBe('CONFLICT')
      expect(error.details).toMatchObject({ reason: 'run_port_taken', port })
      expect(error.message).toContain(String(port))
      expect(await engine.listContainers({ all: true, filters: { name: [name] } })).toEqual([])
    } finally {
      await new Promise((r) => server.close(r))
    }
  })

  it('says NOT_FOUND with run_image_missing for an image the engine does not have', async () => {
    const image = `berth-test/absent-${run.id}:1`
    const out = await invoke({ image, name: run.name('noimage'), labels: label() })
    expect(out.ok).toBe(false)
    expect((out as { ok: false; error: { code: string; details?: Record<string, unknown> } }).error).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'run_image_missing', image } })
  })

  it('says CONFLICT with run_name_taken when the name is in use', async () => {
    const existing = await run.container('named')
    const out = await invoke({ image: TEST_IMAGE, name: existing.name, labels: label() })
    expect(out.ok).toBe(false)
    expect((out as { ok: false; error: { code: string; details?: Record<string, unknown> } }).error).toMatchObject({ code: 'CONFLICT', details: { reason: 'run_name_taken', name: existing.name } })
  })

  it('refuses invalid input before the engine sees it', async () => {
    for (const bad of [
      { image: TEST_IMAGE, name: 'no spaces' },
      { image: TEST_IMAGE, memoryBytes: 1000 },
      { image: TEST_IMAGE, ports: [{ containerPort: 70000 }] },
    ]) {
      const out = await invoke(bad)
      expect(out.ok).toBe(false)
      expect((out as { ok: false; error: { code: string } }).error.code).toBe('INVALID_INPUT')
    }
  })
})
