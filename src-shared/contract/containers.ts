import { z } from 'zod'
import { objectRef, noParams } from './common'
import { request, topic } from './define'
import type { RowPatch } from './live-list'

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead'
export type Health = 'healthy' | 'unhealthy' | 'starting' | null

export interface PortMapping {
  ip: string | null
  privatePort: number
  publicPort: number | null
  type: 'tcp' | 'udp' | 'sctp'
}

/** One row of the Containers screen; the same shape comes from a list and from an event patch. */
export interface ContainerRow {
  id: string
  name: string
  image: string
  command: string
  created: number
  state: ContainerState
  status: string
  health: Health
  ports: PortMapping[]
  labels: Record<string, string>
  composeProject: string | null
  composeService: string | null
}

/** The engine's inspect document, passed through as JSON for the Inspect tab. */
export type ContainerInspect = Record<string, unknown> & { Id: string; Name: string }

const byRef = z.strictObject({ id: objectRef })

export const containerRequests = {
  'containers:list': request<ContainerRow[]>()(noParams),
  'containers:inspect': request<ContainerInspect>()(byRef),
  'containers:start': request<void>()(byRef),
  'containers:stop': request<void>()(z.strictObject({ id: objectRef, timeoutSeconds: z.number().int().min(0).max(3600).optional() })),
  'containers:restart': request<void>()(byRef),
  'containers:pause': request<void>()(byRef),
  'containers:unpause': request<void>()(byRef),
  'containers:kill': request<void>()(
    z.strictObject({
      id: objectRef,
      signal: z
        .string()
        .regex(/^(SIG)?[A-Z0-9]{2,10}$/)
        .optional(),
    }),
  ),
  'containers:remove': request<void>()(z.strictObject({ id: objectRef, force: z.boolean().default(false), volumes: z.boolean().default(false) })),
}

export const containerTopics = {
  /** Container rows re-read after engine events, keyed by container id; once more after a reconnect. */
  'containers:changes': topic<RowPatch<ContainerRow>[]>()(noParams),
}
