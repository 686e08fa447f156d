import { describe, expect, it } from 'vitest'
import { emptyRunForm, readRunForm } from './run-form'

describe('readRunForm', () => {
  it('builds the request from the typed fields, one list entry per line', () => {
    const form = {
      ...emptyRunForm('nginx:1.27'),
      name: 'web',
      ports: '8080:80\n\n127.0.0.1:5353:53/udp',
      env: 'A=1\nB=two words',
      mounts: '/srv:/data:ro\ncache:/cache',
      network: 'backend',
      restart: 'on-failure' as const,
      retries: '3',
      cpus: '0.5',
      memory: '256m',
      command: `sh -c 'echo hi'`,
      labels: 'tier=web',
      autoRemove: true,
    }
    expect(readRunForm(form)).toEqual({
      problems: {},
      params: {
        image: 'nginx:1.27',
        name: 'web',
        ports: [
          { hostPort: 8080, containerPort: 80, protocol: 'tcp' },
          { hostIp: '127.0.0.1', hostPort: 5353, containerPort: 53, protocol: 'udp' },
        ],
        env: [
          { key: 'A', value: '1' },
          { key: 'B', value: 'two words' },
        ],
        mounts: [
          { type: 'bind', source: '/srv', target: '/data', readOnly: true },
          { type: 'volume', source: 'cache', target: '/cache', readOnly: false },
        ],
        labels: [{ key: 'tier', value: 'web' }],
        network: 'backend',
        restart: { policy: 'on-failure', maxRetries: 3 },
        cpus: 0.5,
        memoryBytes: 256 * 1024 * 1024,
        command: ['sh', '-c', 'echo hi'],
        autoRemove: true,
        interactive: false,
      },
    })
  })

  it('names the field and the line of each problem and gives no request', () => {
    const out = readRunForm({ ...emptyRunForm(''), name: 'x', ports: '80\nweb:80', env: 'OK=1\nNOPE', memory: '2m', cpus: 'lots', command: `echo 'open`, retries: 'x', restart: 'on-failure' })
    expect(out.params).toBeNull()
    expect(out.problems).toEqual({
      image: { key: 'image_empty' },
      name: { key: 'name_syntax' },
      ports: { key: 'port_number', line: 2 },
      env: { key: 'env_syntax', line: 2 },
      memory: { key: 'memory_too_small' },
      cpus: { key: 'cpus_syntax' },
      command: { key: 'command_quote' },
      retries: { key: 'retries_syntax' },
    })
  })

  it('takes an image by reference or by id, and names a reference mistake by its reason', () => {
    expect(readRunForm(emptyRunForm('sha256:' + 'ab'.repeat(32))).params?.image).toBe('sha256:' + 'ab'.repeat(32))
    expect(readRunForm(emptyRunForm('127.0.0.1:5000/team/app:1.0')).params?.image).toBe('127.0.0.1:5000/team/app:1.0')
    expect(readRunForm(emptyRunForm('Busybox')).problems.image).toMatchObject({ key: 'image_syntax', reason: 'image_ref_uppercase' })
  })

  it('ignores a retry count unless the policy is on-failure', () => {
    expect(readRunForm({ ...emptyRunForm('x'), restart: 'always', retries: '5' }).params?.restart).toEqual({ policy: 'always' })
  })
})
