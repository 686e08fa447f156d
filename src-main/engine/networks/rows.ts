import type Docker from 'dockerode'
import { BUILTIN_NETWORKS, type NetworkContainer, type NetworkRow } from '../../../src-shared/contract/networks'

const RUNNING = new Set(['running', 'paused', 'restarting'])

function isBuiltin(name: string): boolean {
  return (BUILTIN_NETWORKS as readonly string[]).includes(name)
}

/**
 * Network rows from one network list and one container list (not an inspect per network):
 * a container's NetworkSettings names every network it has an endpoint on, stopped ones too
 * (whose NetworkID is empty until they start, so the name is matched then).
 */
export function toNetworkRows(networks: Docker.NetworkInspectInfo[], containers: Docker.ContainerInfo[]): NetworkRow[] {
  const byNetwork = new Map<string, NetworkContainer[]>()
  const idByName = new Map(networks.map((n) => [n.Name, n.Id]))
  for (const c of containers) {
    for (const [netName, ep] of Object.entries(c.NetworkSettings?.Networks ?? {})) {
      const netId = ep.NetworkID || idByName.get(netName)
      if (!netId) continue
      const list = byNetwork.get(netId) ?? []
      list.push({ id: c.Id, name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''), running: RUNNING.has(c.State), ipv4: ep.IPAddress || null })
      byNetwork.set(netId, list)
    }
  }
  return networks.map((n) => ({
    id: n.Id,
    name: n.Name,
    driver: n.Driver,
    scope: n.Scope,
    internal: n.Internal === true,
    attachable: n.Attachable === true,
    ipv6: n.EnableIPv6 === true,
    created: n.Created ?? '',
    labels: n.Labels ?? {},
    subnets: (n.IPAM?.Config ?? []).filter((c) => c.Subnet).map((c) => ({ subnet: c.Subnet as string, gateway: c.Gateway ?? null })),
    containers: (byNetwork.get(n.Id) ?? []).sort((a, b) => a.name.localeCompare(b.name)),
    builtin: isBuiltin(n.Name),
  }))
}
