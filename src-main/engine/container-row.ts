import type Docker from 'dockerode'
import type { ContainerRow, ContainerState, Health, PortMapping } from '../../src-shared/contract/containers'

const STATES: ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']
const COMPOSE_PROJECT = 'com.docker.compose.project'
const COMPOSE_SERVICE = 'com.docker.compose.service'

/** The health the engine folds into Status, e.g. "Up 3 minutes (healthy)". */
export function healthFromStatus(status: string): Health {
  const m = /\((healthy|unhealthy|health: starting)\)/.exec(status)
  if (!m) return null
  return m[1] === 'health: starting' ? 'starting' : (m[1] as Health)
}

export function toContainerRow(c: Docker.ContainerInfo): ContainerRow {
  const labels = c.Labels ?? {}
  const state = (STATES as string[]).includes(c.State) ? (c.State as ContainerState) : 'dead'
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
    image: c.Image,
    command: c.Command ?? '',
    created: c.Created,
    state,
    status: c.Status ?? '',
    health: healthFromStatus(c.Status ?? ''),
    ports: dedupePorts(c.Ports ?? []),
    labels,
    composeProject: labels[COMPOSE_PROJECT] ?? null,
    composeService: labels[COMPOSE_SERVICE] ?? null,
  }
}

const ANY_ADDRESS = new Set(['0.0.0.0', '::', ''])

// The engine lists a port published on all addresses once per family (0.0.0.0 and ::);
// a person wants to see it once. Ports bound to distinct specific addresses stay apart.
function dedupePorts(ports: Docker.Port[]): PortMapping[] {
  const seen = new Set<string>()
  const out: PortMapping[] = []
  for (const p of ports) {
    const type = (p.Type === 'udp' || p.Type === 'sctp' ? p.Type : 'tcp') as PortMapping['type']
    const host = ANY_ADDRESS.has(p.IP ?? '') ? '*' : p.IP
    const key = `${host}:${p.PublicPort ?? ''}:${p.PrivatePort}/${type}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ ip: p.IP ?? null, privatePort: p.PrivatePort, publicPort: p.PublicPort ?? null, type })
  }
  return out.sort((a, b) => (a.publicPort ?? 0) - (b.publicPort ?? 0) || a.privatePort - b.privatePort)
}
