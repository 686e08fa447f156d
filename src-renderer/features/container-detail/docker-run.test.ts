import { describe, expect, it } from 'vitest'
import type { ContainerInspect } from '../../../src-shared/contract'
import recorded from './__fixtures__/inspect-engine-20.10.json'
import { toDockerRun } from './docker-run'

const inspect = recorded as unknown as ContainerInspect

describe('toDockerRun', () => {
  // Labels the image carries (berth.test.image-version here) cannot be told from run labels.
  it('reproduces the run flags of a recorded container', () => {
    expect(toDockerRun(inspect)).toBe(
      [
        'docker run -d --name fixture-web --restart on-failure:3',
        '-p 5353:53/udp -p 127.0.0.1:8081:80',
        "-e 'GREETING=hello world' -e 'QUOTE=it'\\''s'",
        '-v /var/run/docker.sock:/var/run/docker.sock -v fixture-data:/data -v /tmp/fixture-bind:/srv:ro',
        '--user 1000 -w /srv --privileged --cpus 0.5 --memory 64m --label berth.test.image-version=2 --label tier=frontend',
        "berth-test/busybox sh -c 'echo hi; sleep 1000'",
      ].join(' '),
    )
  })

  it('leaves out PATH and tool-written labels', () => {
    const cmd = toDockerRun(inspect)
    expect(cmd).not.toContain('PATH=')
    expect(cmd).not.toContain('com.docker.compose')
  })

  it('skips anonymous volumes and default networks', () => {
    const anonymous = { Type: 'volume', Name: 'a'.repeat(64), Source: '/x', Destination: '/cache', RW: true }
    const cmd = toDockerRun({ ...inspect, Mounts: [anonymous], HostConfig: { NetworkMode: 'bridge' } })
    expect(cmd).not.toContain('/cache')
    expect(cmd).not.toContain('--network')
    expect(toDockerRun({ ...inspect, HostConfig: { NetworkMode: 'backend' } })).toContain('--network backend')
  })
})
