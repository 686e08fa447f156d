import Docker from 'dockerode'
import { BerthError, type BerthErrorShape } from '../../src-shared/contract/errors'
import type { ConnectionStatus, EngineInfo } from '../../src-shared/contract/engine'
import { backoffDelay } from './backoff'
import { dockerOptions, publicEndpoint } from './endpoint'
import type { ResolvedEndpoint } from './resolved-endpoint'
import { hostKeyProblem } from './ssh-endpoint'
import { isUnreachable, toBerthError, type ErrorSubject } from './errors'
import type { Disposer } from '../streams/disposable'

const PING_TIMEOUT_MS = 3000

type StatusListener = (s: ConnectionStatus) => void

/**
 * One engine connection and its state machine:
 * connecting → connected → disconnected → (backoff) → connecting.
 * Loss is reported by whoever sees it first (a failing request, the events stream ending);
 * no timer runs while connected.
 */
export class EngineConnection {
  private endpoint: ResolvedEndpoint | null = null
  private docker: Docker | null = null
  private status: ConnectionStatus = { state: 'disconnected', endpoint: null, info: null, error: null, nextRetryAt: null, attempt: 0 }
  private listeners = new Set<StatusListener>()
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private generation = 0
  private failures = 0
  private clockOffsetMs = 0

  constructor(private readonly makeDocker: (e: ResolvedEndpoint) => Docker = (e) => new Docker(dockerOptions(e))) {}

  /** The engine's clock now (its log timestamps are on it), from the offset measured on connecting. */
  engineNow(): number {
    return Date.now() + this.clockOffsetMs
  }

  getStatus(): ConnectionStatus {
    return this.status
  }

  onStatus(listener: StatusListener): Disposer {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The client for engine calls; throws ENGINE_UNREACHABLE when not connected. */
  client(): Docker {
    if (this.status.state !== 'connected' || !this.docker) {
      const why = this.status.error?.message ?? 'Berth is not connected to a container engine.'
      throw new BerthError('ENGINE_UNREACHABLE', why, { reason: 'engine_unreachable' })
    }
    return this.docker
  }

  /** Runs an engine call; a socket-level failure marks the connection lost. */
  async run<T>(call: (docker: Docker) => Promise<T>, subject?: ErrorSubject): Promise<T> {
    const docker = this.client()
    try {
      return await call(docker)
    } catch (err) {
      const explained = this.explain(err, subject)
      if (isUnreachable(explained)) this.lost(explained)
      throw explained
    }
  }

  use(endpoint: ResolvedEndpoint): Promise<ConnectionStatus> {
    this.endpoint = endpoint
    this.failures = 0
    return this.attempt()
  }

  /** "Retry now": skip the remaining backoff. */
  retryNow(): Promise<ConnectionStatus> {
    if (!this.endpoint) return Promise.resolve(this.status)
    if (this.status.state === 'connected') return Promise.resolve(this.status)
    return this.attempt()
  }

  /** Reported by a request or a stream that saw the engine go away. */
  lost(reason: unknown): void {
    if (this.status.state !== 'connected') return
    this.generation++
    this.docker = null
    this.scheduleRetry(toBerthError(reason).toJSON())
  }

  dispose(): void {
    this.generation++
    this.clearTimer()
    this.listeners.clear()
    this.docker = null
  }

  private async attempt(): Promise<ConnectionStatus> {
    const endpoint = this.endpoint
    if (!endpoint) return this.status
    this.clearTimer()
    const generation = ++this.generation
    this.set({ state: 'connecting', endpoint: publicEndpoint(endpoint), info: null, error: null, nextRetryAt: null, attempt: this.failures })
    let docker: Docker
    try {
      docker = this.makeDocker(endpoint)
      const { info, clockOffsetMs } = await withTimeout(readInfo(docker, endpoint.name), PING_TIMEOUT_MS)
      if (generation !== this.generation) return this.status
      this.docker = docker
      this.clockOffsetMs = clockOffsetMs
      this.failures = 0
      this.set({ state: 'connected', endpoint: publicEndpoint(endpoint), info, error: null, nextRetryAt: null, attempt: 0 })
    } catch (err) {
      if (generation !== this.generation) return this.status
      this.scheduleRetry(this.explain(err).toJSON())
    }
    return this.status
  }

  /** A BerthError for what went wrong, with the SSH host-key check's reason when that refused it. */
  private explain(err: unknown, subject?: ErrorSubject): BerthError {
    return (this.endpoint && hostKeyProblem(this.endpoint.url, err)) || toBerthError(err, subject)
  }

  private scheduleRetry(error: BerthErrorShape): void {
    const delay = backoffDelay(this.failures)
    this.failures++
    this.clearTimer()
    this.retryTimer = setTimeout(() => void this.attempt(), delay)
    this.retryTimer.unref?.()
    this.set({
      state: 'disconnected',
      endpoint: this.endpoint ? publicEndpoint(this.endpoint) : null,
      info: null,
      error,
      nextRetryAt: Date.now() + delay,
      attempt: this.failures,
    })
  }

  private clearTimer(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
  }

  private set(status: ConnectionStatus): void {
    this.status = status
    for (const l of [...this.listeners]) l(status)
  }
}

async function readInfo(docker: Docker, endpointName: string): Promise<{ info: EngineInfo; clockOffsetMs: number }> {
  const sent = Date.now()
  const [info, version] = await Promise.all([docker.info(), docker.version()])
  const received = Date.now()
  // The engine's clock against ours (a VM's or a remote host's may differ), taking the answer
  // as written halfway through the round trip.
  const engineTime = Date.parse(String(info.SystemTime ?? ''))
  const clockOffsetMs = Number.isNaN(engineTime) ? 0 : engineTime - (sent + received) / 2
  const engineInfo: EngineInfo = {
    endpointName,
    name: String(info.Name ?? ''),
    serverVersion: String(version.Version ?? info.ServerVersion ?? ''),
    apiVersion: String(version.ApiVersion ?? ''),
    os: String(info.OperatingSystem ?? version.Os ?? ''),
    osType: String(info.OSType ?? version.Os ?? ''),
    arch: String(info.Architecture ?? version.Arch ?? ''),
    cpus: Number(info.NCPU ?? 0),
    memoryBytes: Number(info.MemTotal ?? 0),
  }
  return { info: engineInfo, clockOffsetMs }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { code: 'ETIMEDOUT' })), ms)
    p.then(
      (v) => {
        clearTimeout(t)
        resolve(v)
      },
      (e: unknown) => {
        clearTimeout(t)
        reject(e)
      },
    )
  })
}
