import { z } from 'zod'
import { noParams } from './common'
import { request, topic } from './define'
import type { BerthErrorShape } from './errors'

type EndpointSource = 'env' | 'context' | 'socket' | 'user'

export interface EngineEndpoint {
  id: string
  name: string
  url: string
  source: EndpointSource
  /** False when a well-known socket path is absent on this machine. */
  present: boolean
}

export interface EngineInfo {
  endpointName: string
  serverVersion: string
  apiVersion: string
  os: string
  osType: string
  arch: string
  cpus: number
  memoryBytes: number
  name: string
}

type ConnectionState = 'connecting' | 'connected' | 'disconnected'

/**
 * What started a connection attempt: choosing the engine (Berth starting, or a switch in
 * Settings), the backoff timer, the local engine's socket appearing or being replaced, "Retry now".
 */
export type ConnectTrigger = 'choose' | 'timer' | 'socket' | 'retry'

export interface ConnectionStatus {
  state: ConnectionState
  endpoint: EngineEndpoint | null
  info: EngineInfo | null
  error: BerthErrorShape | null
  /** Epoch ms of the next automatic attempt while disconnected; null when none is timed. */
  nextRetryAt: number | null
  /** While disconnected from a local engine: its socket is watched, and an attempt starts the moment it appears or is replaced. */
  watchingSocket: boolean
  /** What started the latest attempt (the one this status came from, or that connected before a loss); null before any. */
  trigger: ConnectTrigger | null
  attempt: number
}

export interface EndpointList {
  endpoints: EngineEndpoint[]
  activeId: string | null
}

// unix:///path, npipe:////./pipe/name, tcp://host:port, ssh://user@host[:port]
export const engineUrl = z
  .string()
  .trim()
  .max(512)
  .regex(/^(unix:\/\/\/\S+|npipe:\/\/\S+|tcp:\/\/[^\s/]+(:\d{1,5})?\/?|ssh:\/\/[^\s/]+(:\d{1,5})?\/?)$/, 'must be unix://, npipe://, tcp:// or ssh://')

const endpointId = z.string().min(1).max(200)

export const engineRequests = {
  'engine:status': request<ConnectionStatus>()(noParams),
  'engine:endpoints': request<EndpointList>()(noParams),
  'engine:select': request<ConnectionStatus>()(z.strictObject({ id: endpointId })),
  /** `tlsDir`: for tcp:// only, a folder with ca.pem, cert.pem and key.pem (as DOCKER_CERT_PATH). */
  'engine:add': request<EngineEndpoint>()(
    z
      .strictObject({ url: engineUrl, name: z.string().trim().min(1).max(80).optional(), tlsDir: z.string().trim().min(1).max(4096).optional() })
      .refine((p) => p.tlsDir === undefined || p.url.startsWith('tcp://'), { message: 'a TLS folder goes with a tcp:// address only', path: ['tlsDir'] }),
  ),
  'engine:forget': request<void>()(z.strictObject({ id: endpointId })),
  'engine:retry': request<ConnectionStatus>()(noParams),
}

export const engineTopics = {
  /** The connection's state; the current state is sent first. */
  'engine:state': topic<ConnectionStatus>()(noParams),
}
