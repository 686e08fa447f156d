import { describe, expect, it } from 'vitest'
import type { ContainerInspect } from '../../../src-shared/contract'
import recorded from './__fixtures__/inspect-engine-20.10.json'
import { isEngineSocket, toInspectModel } from './inspect-model'

// Recorded from `docker inspect` on Engine 20.10 (API 1.41) for a created, never started container.
const inspect = recorded as unknown as ContainerInspect

describe('toInspectModel', () => {
  const model = toInspectModel(inspect)

  it('reads the summary fields', () => {
    expect(model).toMatchObject({
      name: 'fixture-web',
      image: 'berth-test/busybox',
      command: ['sh', '-c', 'echo hi; sleep 1000'],
      restartPolicy: { name: 'on-failure', maximumRetryCount: 3 },
      nanoCpus: 5e8,
      memoryBytes: 64 * 1024 * 1024,
      user: '1000',
      workingDir: '/srv',
    })
  })

  it('splits env at the first = only', () => {
    expect(model.env).toContainEqual({ key: 'GREETING', value: 'hello world' })
    expect(model.env).toContainEqual({ key: 'QUOTE', value: "it's" })
  })

  it('shows configured port bindings for a container that never ran', () => {
    expect(model.ports).toEqual(
      expect.arrayContaining([
        { containerPort: '80', protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8081 },
        { containerPort: '53', protocol: 'udp', hostIp: null, hostPort: 5353 },
      ]),
    )
  })

  it('flags the mounted engine socket and privileged mode', () => {
    expect(model.warnings).toEqual([{ key: 'warnDockerSocket', path: '/var/run/docker.sock' }, { key: 'warnPrivileged' }])
    expect(model.mounts.find((m) => m.destination === '/srv')).toMatchObject({ type: 'bind', readOnly: true, isEngineSocket: false })
  })

  it('survives a document with almost nothing in it', () => {
    const bare = toInspectModel({ Id: 'abc', Name: '/bare' })
    expect(bare).toMatchObject({ name: 'bare', env: [], ports: [], mounts: [], networks: [], health: null, warnings: [], exitCode: null })
  })

  it('reads the health log', () => {
    const withHealth = toInspectModel({
      ...inspect,
      State: { Running: true, Health: { Status: 'unhealthy', FailingStreak: 2, Log: [{ Start: '2026-11-23T10:00:00Z', End: '', ExitCode: 1, Output: 'boom\n' }] } },
    })
    expect(withHealth.health).toEqual({ status: 'unhealthy', failingStreak: 2, log: [{ start: '2026-11-23T10:00:00Z', exitCode: 1, output: 'boom\n' }] })
    expect(withHealth.exitCode).toBeNull()
  })
})

describe('isEngineSocket', () => {
  it('recognises Docker and Podman sockets, not other files', () => {
    expect(isEngineSocket('/var/run/docker.sock')).toBe(true)
    expect(isEngineSocket('/run/user/1000/podman/podman.sock')).toBe(true)
    expect(isEngineSocket('/home/me/.docker/run/docker.sock')).toBe(true)
    expect(isEngineSocket('/var/run/docker.sock.bak')).toBe(false)
    expect(isEngineSocket('/srv/data')).toBe(false)
  })
})
