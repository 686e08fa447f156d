import { describe, expect, it } from 'vitest'
import { runParams } from '../../../src-shared/contract/run'
import { createOptions } from './create-options'

describe('createOptions', () => {
  it('exposes and binds ports, sets limits as cgroup values and -v as Binds', () => {
    const p = runParams.parse({
      image: 'berth-test/busybox',
      name: 'web',
      ports: [
        { hostPort: 8080, containerPort: 80 },
        { hostIp: '127.0.0.1', containerPort: 53, protocol: 'udp' },
        { hostPort: 8081, containerPort: 80 },
      ],
      env: [{ key: 'A', value: 'b c' }],
      labels: [{ key: 'berth.test', value: 'run' }],
      mounts: [
        { type: 'bind', source: '/srv', target: '/data', readOnly: true },
        { type: 'volume', source: 'cache', target: '/cache' },
      ],
      network: 'backend',
      restart: { policy: 'on-failure', maxRetries: 3 },
      cpus: 0.5,
      memoryBytes: 64 * 1024 * 1024,
      command: ['sleep', '1000'],
      autoRemove: true,
    })
    expect(createOptions(p)).toEqual({
      name: 'web',
      Image: 'berth-test/busybox',
      Cmd: ['sleep', '1000'],
      Env: ['A=b c'],
      Labels: { 'berth.test': 'run' },
      ExposedPorts: { '80/tcp': {}, '53/udp': {} },
      Tty: false,
      OpenStdin: false,
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      HostConfig: {
        PortBindings: {
          '80/tcp': [
            { HostIp: '', HostPort: '8080' },
            { HostIp: '', HostPort: '8081' },
          ],
          '53/udp': [{ HostIp: '127.0.0.1', HostPort: '' }],
        },
        Binds: ['/srv:/data:ro', 'cache:/cache'],
        NetworkMode: 'backend',
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
        NanoCpus: 500_000_000,
        Memory: 64 * 1024 * 1024,
        AutoRemove: true,
      },
    })
  })

  it('leaves the image CMD, network and limits alone when not given, and -it sets a TTY with open stdin', () => {
    const o = createOptions(runParams.parse({ image: 'x', interactive: true }))
    expect(o.Cmd).toBeUndefined()
    expect(o.name).toBeUndefined()
    expect(o.HostConfig?.NetworkMode).toBeUndefined()
    expect(o.HostConfig?.NanoCpus).toBeUndefined()
    expect(o.HostConfig?.Memory).toBeUndefined()
    expect(o.HostConfig?.RestartPolicy).toEqual({ Name: '', MaximumRetryCount: 0 })
    expect([o.Tty, o.OpenStdin]).toEqual([true, true])
  })
})

describe('runParams', () => {
  it('refuses what the engine would refuse or misread', () => {
    const bad = [
      { image: 'x', name: 'a' },
      { image: 'x', name: 'bad name' },
      { image: 'x', env: [{ key: 'BAD KEY', value: '' }] },
      { image: 'x', ports: [{ containerPort: 0 }] },
      { image: 'x', ports: [{ hostIp: 'localhost', containerPort: 80 }] },
      { image: 'x', mounts: [{ type: 'bind', source: 'rel/path', target: '/x' }] },
      { image: 'x', mounts: [{ type: 'volume', source: 'v', target: 'rel' }] },
      { image: 'x', restart: { policy: 'always', maxRetries: 2 } },
      { image: 'x', memoryBytes: 1024 },
      { image: 'x', cpus: 0 },
      { image: 'x', command: [] },
      { image: 'bad image' },
    ]
    for (const b of bad) expect(runParams.safeParse(b).success, JSON.stringify(b)).toBe(false)
  })
})
