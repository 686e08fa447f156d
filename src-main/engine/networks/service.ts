import type { z } from 'zod'
import { BerthError } from '../../../src-shared/contract/errors'
import type { NetworkInspect, NetworkRemoveOutcome, NetworkRow, networkCreateParams } from '../../../src-shared/contract/networks'
import type { EngineConnection } from '../connection'
import { engineMessage } from '../errors'
import { matchesLabelFilter } from '../label-filter'
import { toNetworkRows } from './rows'
import { subject } from '../subject'

type CreateParams = z.output<typeof networkCreateParams>

/** Networks on the active engine: list, inspect, create, remove, connect, disconnect, prune. */
export class NetworkService {
  constructor(private readonly conn: EngineConnection) {}

  async list(): Promise<NetworkRow[]> {
    const [networks, containers] = await this.conn.run((d) => Promise.all([d.listNetworks(), d.listContainers({ all: true })]))
    return toNetworkRows(networks, containers).sort((a, b) => Number(b.builtin) - Number(a.builtin) || a.name.localeCompare(b.name))
  }

  inspect(ref: string): Promise<NetworkInspect> {
    return this.conn.run(async (d) => (await d.getNetwork(ref).inspect()) as unknown as NetworkInspect, subject('network', ref))
  }

  async create(p: CreateParams): Promise<{ id: string }> {
    const ipamConfig = p.subnet ? [{ Subnet: p.subnet, ...(p.gateway ? { Gateway: p.gateway } : {}) }] : []
    try {
      const net = await this.conn.run((d) =>
        d.createNetwork({
          Name: p.name,
          Driver: p.driver,
          CheckDuplicate: true,
          Internal: p.internal,
          Attachable: p.attachable,
          EnableIPv6: p.ipv6,
          Labels: p.labels,
          IPAM: { Driver: 'default', Config: ipamConfig },
          Options: p.parent && (p.driver === 'macvlan' || p.driver === 'ipvlan') ? { parent: p.parent } : {},
        }),
      )
      return { id: net.id }
    } catch (err) {
      throw createError(err, p)
    }
  }

  /** Removes each network on its own; one failure does not stop the others. */
  async remove(refs: string[]): Promise<NetworkRemoveOutcome[]> {
    const rows = await this.list()
    const outcomes: NetworkRemoveOutcome[] = []
    for (const ref of refs) {
      const row = rows.find((r) => r.id === ref || r.name === ref || (ref.length >= 12 && r.id.startsWith(ref)))
      try {
        if (!row) throw new BerthError('NOT_FOUND', `There is no network “${ref}”; it may have been removed.`, { reason: 'not_found', ref })
        if (row.builtin) throw builtinError(row.name)
        await this.conn
          .run((d) => d.getNetwork(row.id).remove(), subject('network', row.name))
          .catch((err: unknown) => {
            throw inUseError(err, row) ?? err
          })
        outcomes.push({ id: row.id, ok: true })
      } catch (err) {
        const e = err instanceof BerthError ? err : new BerthError('INTERNAL', String(err))
        outcomes.push({ id: row?.id ?? ref, ok: false, error: { code: e.code, message: e.message, details: e.details } })
      }
    }
    return outcomes
  }

  async connect(network: string, container: string, aliases: string[]): Promise<void> {
    const row = await this.find(network)
    try {
      await this.conn.run((d) => d.getNetwork(row.id).connect({ Container: container, EndpointConfig: aliases.length ? { Aliases: aliases } : {} }), subject('network', row.name))
    } catch (err) {
      throw attachError(err, row.name, container, 'connect')
    }
  }

  async disconnect(network: string, container: string, force: boolean): Promise<void> {
    const row = await this.find(network)
    try {
      await this.conn.run((d) => d.getNetwork(row.id).disconnect({ Container: container, Force: force }), subject('network', row.name))
    } catch (err) {
      throw attachError(err, row.name, container, 'disconnect')
    }
  }

  /** What `prune` removes: as the engine decides, networks without a running container's endpoint. */
  async prunePreview(label: string | null = null): Promise<NetworkRow[]> {
    const rows = await this.list()
    return rows.filter((r) => !r.builtin && r.scope === 'local' && !r.containers.some((c) => c.running) && (label === null || matchesLabelFilter(r.labels, label)))
  }

  async prune(label: string | null = null): Promise<{ deleted: string[] }> {
    const res = await this.conn.run((d) => d.pruneNetworks(label ? { filters: { label: [label] } } : {}))
    return { deleted: (res as { NetworksDeleted?: string[] | null }).NetworksDeleted ?? [] }
  }

  private async find(ref: string): Promise<NetworkRow> {
    const row = (await this.list()).find((r) => r.id === ref || r.name === ref || (ref.length >= 12 && r.id.startsWith(ref)))
    if (!row) throw new BerthError('NOT_FOUND', `There is no network “${ref}”; it may have been removed.`, { reason: 'not_found', ref })
    return row
  }
}

/** The engine's own words: conn.run keeps them in details. */
function says(err: unknown): string {
  const kept = (err as BerthError).details?.engineMessage
  return typeof kept === 'string' ? kept : engineMessage(err as object)
}

function builtinError(name: string): BerthError {
  return new BerthError('CONFLICT', `“${name}” is one of the engine’s own networks (bridge, host, none) and cannot be removed.`, { reason: 'network_builtin', name })
}

function inUseError(err: unknown, row: NetworkRow): BerthError | null {
  if (!/active endpoints/i.test(says(err))) return null
  const names = row.containers.filter((c) => c.running).map((c) => c.name)
  const list = names.length ? names.join(', ') : 'running containers'
  return new BerthError('CONFLICT', `Network “${row.name}” is in use by ${list}. Disconnect or stop them first.`, { reason: 'network_in_use', name: row.name, containers: names.join(', ') })
}

function createError(err: unknown, p: CreateParams): unknown {
  if (err instanceof BerthError && err.code === 'ENGINE_UNREACHABLE') return err
  const text = says(err)
  if (/already exists/i.test(text))
    return new BerthError('CONFLICT', `A network named “${p.name}” already exists. Pick another name.`, { reason: 'network_name_taken', name: p.name, engineMessage: text })
  if (/overlaps/i.test(text))
    return new BerthError('CONFLICT', `The subnet ${p.subnet ?? ''} overlaps a network that exists already. Pick another range.`, {
      reason: 'network_subnet_overlap',
      subnet: p.subnet ?? '',
      engineMessage: text,
    })
  if (/swarm/i.test(text))
    return new BerthError('CONFLICT', `The ${p.driver} driver needs this engine to be part of a swarm.`, { reason: 'network_needs_swarm', driver: p.driver, engineMessage: text })
  return err
}

function attachError(err: unknown, network: string, container: string, verb: 'connect' | 'disconnect'): unknown {
  if (err instanceof BerthError && err.code === 'ENGINE_UNREACHABLE') return err
  const text = says(err)
  if (/already exists|already attached/i.test(text)) {
    return new BerthError('CONFLICT', `Container “${container}” is already connected to network “${network}”.`, { reason: 'network_already_connected', network, container })
  }
  if (/is not connected/i.test(text)) {
    return new BerthError('CONFLICT', `Container “${container}” is not connected to network “${network}”.`, { reason: 'network_not_connected', network, container })
  }
  if (/host network|none network|cannot be (dis)?connected|network-scoped alias/i.test(text)) {
    return new BerthError('CONFLICT', `The engine does not allow this ${verb}: ${text}`, { reason: 'network_attach_refused', network, container, engineMessage: text })
  }
  // The network was found a moment ago, so a 404 here is the container's.
  if (err instanceof BerthError && err.code === 'NOT_FOUND') return new BerthError('NOT_FOUND', `There is no container “${container}”.`, { reason: 'not_found', ref: container })
  return err
}
