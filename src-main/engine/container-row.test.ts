import type Docker from 'dockerode'
import { describe, expect, it } from 'vitest'
import { healthFromStatus, toContainerRow } from './container-row'

/** One entry of GET /containers/json?all=1 as Engine 20.10 returns it. */
function listed(overrides: Partial<Docker.ContainerInfo> = {}): Docker.ContainerInfo {
  return {
    Id: '3f2b9c0d1e4a5b6c7d8e9f00112233445566778899aabbccddeeff0011223344',
    Names: ['/web'],
    Image: 'nginx:1.27',
    ImageID: 'sha256:abc',
    Command: 'nginx -g daemon off;',
    Created: 1732370000,
    Ports: [],
    Labels: {},
    State: 'running',
    Status: 'Up 3 minutes',
    HostConfig: { NetworkMode: 'bridge' },
    NetworkSettings: { Networks: {} },
    Mounts: [],
    ...overrides,
  }
}

describe('toContainerRow', () => {
  it('maps a listed container to the row the Containers screen shows', () => {
    expect(toContainerRow(listed())).toEqual({
      id: '3f2b9c0d1e4a5b6c7d8e9f00112233445566778899aabbccddeeff0011223344',
      name: 'web',
      image: 'nginx:1.27',
      command: 'nginx -g daemon off;',
      created: 1732370000,
      state: 'running',
      status: 'Up 3 minutes',
      health: null,
      ports: [],
      labels: {},
      composeProject: null,
      composeService: null,
    })
  })

  it('shows a port published on 0.0.0.0 and :: once', () => {
    const row = toContainerRow(
      listed({
        Ports: [
          { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
          { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
        ],
      }),
    )
    expect(row.ports).toEqual([{ ip: '0.0.0.0', privatePort: 80, publicPort: 8080, type: 'tcp' }])
  })

  it('keeps tcp and udp on the same port apart', () => {
    const row = toContainerRow(
      listed({
        Ports: [
          { IP: '0.0.0.0', PrivatePort: 53, PublicPort: 5353, Type: 'udp' },
          { IP: '::', PrivatePort: 53, PublicPort: 5353, Type: 'udp' },
          { IP: '0.0.0.0', PrivatePort: 53, PublicPort: 5353, Type: 'tcp' },
        ],
      }),
    )
    expect(row.ports.map((p) => `${p.publicPort}->${p.privatePort}/${p.type}`).sort()).toEqual(['5353->53/tcp', '5353->53/udp'])
  })

  it('keeps one port published on two specific host addresses as two mappings', () => {
    const row = toContainerRow(
      listed({
        Ports: [
          { IP: '127.0.0.1', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
          { IP: '192.168.1.20', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
        ],
      }),
    )
    expect(row.ports.map((p) => p.ip)).toEqual(['127.0.0.1', '192.168.1.20'])
  })

  it('lists exposed but unpublished ports with no host side, sorted by port', () => {
    const row = toContainerRow(
      listed({
        Ports: [
          { IP: '0.0.0.0', PrivatePort: 443, PublicPort: 8443, Type: 'tcp' },
          { PrivatePort: 9000, Type: 'tcp' } as Docker.Port,
          { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
        ],
      }),
    )
    expect(row.ports).toEqual([
      { ip: null, privatePort: 9000, publicPort: null, type: 'tcp' },
      { ip: '0.0.0.0', privatePort: 80, publicPort: 8080, type: 'tcp' },
      { ip: '0.0.0.0', privatePort: 443, publicPort: 8443, type: 'tcp' },
    ])
  })

  it('reads health from the status text', () => {
    expect(toContainerRow(listed({ Status: 'Up 3 minutes (healthy)' })).health).toBe('healthy')
    expect(toContainerRow(listed({ Status: 'Up 10 seconds (health: starting)' })).health).toBe('starting')
    expect(toContainerRow(listed({ Status: 'Up 2 hours (unhealthy)' })).health).toBe('unhealthy')
    expect(toContainerRow(listed({ Status: 'Exited (0) 5 seconds ago' })).health).toBeNull()
  })

  it('takes the compose project and service from their labels', () => {
    const labels = { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'db', 'com.docker.compose.container-number': '1' }
    const row = toContainerRow(listed({ Labels: labels }))
    expect(row).toMatchObject({ composeProject: 'shop', composeService: 'db', labels })
  })

  it('drops the leading slash from the name and falls back to the short id without one', () => {
    expect(toContainerRow(listed({ Names: ['/db'] })).name).toBe('db')
    expect(toContainerRow(listed({ Names: [] })).name).toBe('3f2b9c0d1e4a')
  })

  it('keeps the engine’s states and reads an unknown one as dead', () => {
    for (const state of ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']) {
      expect(toContainerRow(listed({ State: state })).state).toBe(state)
    }
    expect(toContainerRow(listed({ State: 'zombie' })).state).toBe('dead')
  })

  it('copes with a container that has no labels, ports or command', () => {
    const bare = listed()
    delete (bare as Partial<Docker.ContainerInfo>).Labels
    delete (bare as Partial<Docker.ContainerInfo>).Ports
    delete (bare as Partial<Docker.ContainerInfo>).Command
    expect(toContainerRow(bare)).toMatchObject({ labels: {}, ports: [], command: '', composeProject: null })
  })
})

describe('healthFromStatus', () => {
  it('finds no health in a status without a health check', () => {
    expect(healthFromStatus('Up About a minute')).toBeNull()
    expect(healthFromStatus('')).toBeNull()
  })
})
