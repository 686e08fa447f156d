import { z } from 'zod'
import { checkSubnet } from '../net-address'
import { objectRef, noParams } from './common'
import { request, topic } from './define'
import type { RowPatch } from './live-list'
import { NETWORK_DRIVERS } from './network-drivers'

export { BUILTIN_NETWORKS } from './network-drivers'

export interface NetworkContainer {
  id: string
  name: string
  running: boolean
  ipv4: string | null
}

/** One row of the Networks screen. */
export interface NetworkRow {
  id: string
  name: string
  driver: string
  scope: string
  internal: boolean
  attachable: boolean
  ipv6: boolean
  created: string
  labels: Record<string, string>
  subnets: { subnet: string; gateway: string | null }[]
  /** Containers with an endpoint on this network (stopped ones keep theirs). */
  containers: NetworkContainer[]
  builtin: boolean
}

export type NetworkInspect = Record<string, unknown> & { Id: string; Name: string }

/** What a removal did to each network, so a multi-removal reports each one. */
export interface NetworkRemoveOutcome {
  id: string
  ok: boolean
  error?: { code: string; message: string; details?: Record<string, unknown> }
}

const networkName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'must start with a letter or digit, then letters, digits, _ . -')
const labelKey = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^\s=]+$/, 'must have no spaces or =')
const alias = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'must be a host name')

export const networkCreateParams = z
  .strictObject({
    name: networkName,
    driver: z.enum(NETWORK_DRIVERS).default('bridge'),
    subnet: z.string().trim().max(64).optional(),
    gateway: z.string().trim().max(64).optional(),
    internal: z.boolean().default(false),
    attachable: z.boolean().default(false),
    ipv6: z.boolean().default(false),
    labels: z.record(labelKey, z.string().max(4096)).default({}),
    /** Only macvlan/ipvlan: the host interface (driver option `parent`). */
    parent: z
      .string()
      .regex(/^[a-zA-Z0-9_.@-]{1,15}$/)
      .optional(),
  })
  .superRefine((p, ctx) => {
    const problem = checkSubnet(p.subnet || undefined, p.gateway || undefined)
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.startsWith('gateway') ? 'gateway' : 'subnet'], message: problem })
    if (p.ipv6 && p.subnet && !p.subnet.includes(':')) ctx.addIssue({ code: 'custom', path: ['subnet'], message: 'ipv6_needs_v6_subnet' })
  })

export const networkRequests = {
  'networks:list': request<NetworkRow[]>()(noParams),
  'networks:inspect': request<NetworkInspect>()(z.strictObject({ id: objectRef })),
  'networks:create': request<{ id: string }>()(networkCreateParams),
  'networks:remove': request<NetworkRemoveOutcome[]>()(z.strictObject({ ids: z.array(objectRef).min(1).max(200) })),
  'networks:connect': request<void>()(z.strictObject({ network: objectRef, container: objectRef, aliases: z.array(alias).max(16).default([]) })),
  'networks:disconnect': request<void>()(z.strictObject({ network: objectRef, container: objectRef, force: z.boolean().default(false) })),
  /** The networks `networks:prune` would remove now (not built in, no running container). */
  'networks:prune-preview': request<NetworkRow[]>()(noParams),
  'networks:prune': request<{ deleted: string[] }>()(noParams),
}

export const networkTopics = {
  /** Network rows that changed after engine events (the list read again and compared), keyed by network id. */
  'networks:changes': topic<RowPatch<NetworkRow>[]>()(noParams),
}
