import { describe, expect, it } from 'vitest'
import { splitCommand } from '../../shared/shell-words'
import { memoryFlag, runCommand } from './run-command'

describe('runCommand', () => {
  it('is docker run -d and the image for a plain run', () => {
    expect(runCommand({ image: 'berth-test/busybox' })).toBe('docker run -d berth-test/busybox')
  })

  it('writes every option as the docker CLI takes it, quoting what a shell would split', () => {
    const cmd = runCommand({
      image: 'nginx:1.27',
      name: 'web',
      ports: [
        { hostPort: 8080, containerPort: 80, protocol: 'tcp' },
        { hostIp: '127.0.0.1', hostPort: 5353, containerPort: 53, protocol: 'udp' },
        { hostIp: '::1', containerPort: 443, protocol: 'tcp' },
        { containerPort: 9000, protocol: 'tcp' },
      ],
      env: [
        { key: 'GREETING', value: 'hello world' },
        { key: 'QUOTE', value: "it's" },
      ],
      mounts: [
        { type: 'bind', source: '/srv/site', target: '/usr/share/nginx/html', readOnly: true },
        { type: 'volume', source: 'cache', target: '/cache', readOnly: false },
      ],
      network: 'backend',
      restart: { policy: 'on-failure', maxRetries: 3 },
      cpus: 1.5,
      memoryBytes: 512 * 1024 * 1024,
      labels: [{ key: 'tier', value: 'web' }],
      command: ['sh', '-c', 'echo hi; sleep 1000'],
      autoRemove: true,
      interactive: true,
    })
    expect(cmd).toBe(
      [
        "docker run -d -it --rm --name web -p 8080:80 -p 127.0.0.1:5353:53/udp -p '[::1]::443' -p 9000",
        "-e 'GREETING=hello world' -e 'QUOTE=it'\\''s'",
        '-v /srv/site:/usr/share/nginx/html:ro -v cache:/cache --network backend --restart on-failure:3',
        "--cpus 1.5 -m 512m --label tier=web nginx:1.27 sh -c 'echo hi; sleep 1000'",
      ].join(' '),
    )
  })

  it('reads back into the same words', () => {
    const cmd = runCommand({ image: 'x', env: [{ key: 'A', value: `"$HOME" & 'b'` }], command: ['echo', ''] })
    expect(splitCommand(cmd)).toEqual(['docker', 'run', '-d', '-e', `A="$HOME" & 'b'`, 'x', 'echo', ''])
  })

  it('leaves out the restart policy "no" and writes "always" without a count', () => {
    expect(runCommand({ image: 'x', restart: { policy: 'no' } })).toBe('docker run -d x')
    expect(runCommand({ image: 'x', restart: { policy: 'always' } })).toBe('docker run -d --restart always x')
  })
})

describe('memoryFlag', () => {
  it('uses the largest unit that divides the size exactly', () => {
    expect(memoryFlag(2 * 1024 ** 3)).toBe('2g')
    expect(memoryFlag(1536 * 1024 ** 2)).toBe('1536m')
    expect(memoryFlag(6 * 1024 ** 2 + 1024)).toBe('6145k')
    expect(memoryFlag(6 * 1024 ** 2 + 1)).toBe('6291457b')
  })
})
