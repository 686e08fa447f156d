import Docker from 'dockerode'
import { BerthError, type BerthErrorShape } from '../../src-shared/contract/errors'
import type { ConnectionStatus, ConnectTrigger, EngineInfo } from '../../src-shared/contract/engine'
import { BACKOFF_LOCAL_MAX_MS, BACKOFF_MAX_MS, backoffDelay } from './backoff'
import { dockerOptions, publicEndpoint, socketPathOf } from './endpoint'
import type { ResolvedEndpoint } from './resolved-endpoint'
import { watchSocket as nodeWatchSocket, type SocketWatch, type WatchSocket } from './socket-watch'
import { hostKeyProblem } from './ssh-endpoint'
import { isUnreachable, toBerthError, type ErrorSubject } from './errors'
import { DEFAULT_DEADLINES, guardDials, isNotAnswering, notAnswering, type DialDeadlines } from './dial-deadline'
import type { Disposer } from '../streams/disposable'
import { inRequestScope } from '../streams/request-scope'

const PING_TIMEOUT_MS = 3000
// A socket that has just appeared belongs to an engine that is starting: it holds our connection
// until it is ready (containerd, restoring containers), so its first answer may take a while.
const STARTING_ENGINE_TIMEOUT_MS = 20_000

type StatusListener = (s: ConnectionStatus) => void

/**
 * One engine connection and its state machine:
 * connecting → connected → disconnected → (socket back, or backoff) → connecting.
 * Loss is reported by whoever sees it first (a failing request, the events stream ending);
 * no timer runs while connected. While disconnected from a local unix socket, its folder is
 * watched: the socket appearing (or being replaced) starts an attempt at once, and a missing
 * socket needs no timer at all. The backoff timer is left for remote engines, named pipes, and
 * a socket that is there but refuses. A request that got no answer in time does not end the
 * connection by itself (one slow call is not a stalled engine): it asks for a ping, and only a
 * ping without an answer marks the connection lost, with engine_not_answering.
 */
export class EngineConnection {
  private endpoint: ResolvedEndpoint | null = null
  private docker: Docker | null = null
  private status: ConnectionStatus = { state: 'disconnected', endpoint: null, info: null, error: null, nextRetryAt: null, watchingSocket: false, trigger: null, attempt: 0 }
  private listeners = new Set<StatusListener>()
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private socketWatch: SocketWatch | null = null
  /** Set when the socket's folder cannot be watched: this endpoint retries on the timer alone. */
  private watchFailed = false
  private generation = 0
  private failures = 0
  private clockOffsetMs = 0
  private probing: Promise<void> | null = null
  /** How long an engine call made for a request may wait (dial-deadline.ts); tests shorten them. */
  deadlines: DialDeadlines = DEFAULT_DEADLINES

  constructor(
    private readonly makeDocker: (e: ResolvedEndpoint) => Docker = (e) => new Docker(dockerOptions(e)),
    private readonly watchSocket: WatchSocket = nodeWatchSocket,
  ) {}

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
      if (isNotAnswering(explained)) void this.probe(docker)
      else if (isUnreachable(explained)) this.lost(explained)
      throw explained
    }
  }

  /** Whether the engine still answers a ping; one that does not within PING_TIMEOUT_MS is lost. */
  probe(docker: Docker | null = this.docker): Promise<void> {
    if (!docker || this.status.state !== 'connected') return Promise.resolve()
    this.probing ??= withTimeout(() => docker.ping(), PING_TIMEOUT_MS)
      .then(
        () => undefined,
        (err: unknown) => {
          if (docker === this.docker) this.lost(isTimeout(err) ? notAnswering(PING_TIMEOUT_MS) : this.explain(err))
        },
      )
      .finally(() => (this.probing = null))
    return this.probing
  }

  use(endpoint: ResolvedEndpoint): Promise<ConnectionStatus> {
    this.stopWatching()
    this.endpoint = endpoint
    this.watchFailed = false
    this.failures = 0
    return this.attempt('choose')
  }

  /** "Retry now": skip the remaining backoff. */
  retryNow(): Promise<ConnectionStatus> {
    if (!this.endpoint) return Promise.resolve(this.status)
    if (this.status.state === 'connected') return Promise.resolve(this.status)
    return this.attempt('retry')
  }

  /** Reported by a request or a stream that saw the engine go away. */
  lost(reason: unknown): void {
    if (this.status.state !== 'connected') return
    this.generation++
    this.docker = null
    this.scheduleRetry(toBerthError(reason).toJSON(), this.status.trigger)
  }

  dispose(): void {
    this.generation++
    this.clearTimer()
    this.stopWatching()
    this.listeners.clear()
    this.docker = null
  }

  private async attempt(trigger: ConnectTrigger): Promise<ConnectionStatus> {
    const endpoint = this.endpoint
    if (!endpoint) return this.status
    this.clearTimer()
    const generation = ++this.generation
    const watching = this.socketWatch !== null
    this.set({ state: 'connecting', endpoint: publicEndpoint(endpoint), info: null, error: null, nextRetryAt: null, watchingSocket: watching, trigger, attempt: this.failures })
    let docker: Docker
    const timeout = trigger === 'socket' ? STARTING_ENGINE_TIMEOUT_MS : PING_TIMEOUT_MS
    try {
      docker = guardDials(this.makeDocker(endpoint), () => this.deadlines)
      const { info, clockOffsetMs } = await withTimeout(() => readInfo(docker, endpoint.name), timeout)
      if (generation !== this.generation) return this.status
      this.stopWatching()
      this.docker = docker
      this.clockOffsetMs = clockOffsetMs
      this.failures = 0
      this.set({ state: 'connected', endpoint: publicEndpoint(endpoint), info, error: null, nextRetryAt: null, watchingSocket: false, trigger, attempt: 0 })
    } catch (err) {
      if (generation !== this.generation) return this.status
      this.scheduleRetry((isTimeout(err) ? notAnswering(timeout) : this.explain(err)).toJSON(), trigger)
    }
    return this.status
  }

  /** A BerthError for what went wrong, with the SSH host-key check's reason when that refused it. */
  private explain(err: unknown, subject?: ErrorSubject): BerthError {
    return (this.endpoint && hostKeyProblem(this.endpoint.url, err)) || toBerthError(err, subject)
  }

  /**
   * Disconnected: what brings the next attempt. A local socket's return is watched for; a missing
   * socket needs nothing else, while one that is there but refuses (or any other engine) also gets
   * the backoff timer.
   */
  private scheduleRetry(error: BerthErrorShape, trigger: ConnectTrigger | null): void {
    this.clearTimer()
    const watch = this.ensureWatch()
    const endpoint = this.endpoint ? publicEndpoint(this.endpoint) : null
    if (watch && !watch.present()) {
      this.failures++
      this.set({ state: 'disconnected', endpoint, info: null, error, nextRetryAt: null, watchingSocket: true, trigger, attempt: this.failures })
      return
    }
    const local = this.endpoint !== null && isLocal(this.endpoint.url)
    const delay = backoffDelay(this.failures, Math.random, local ? BACKOFF_LOCAL_MAX_MS : BACKOFF_MAX_MS)
    this.failures++
    this.retryTimer = setTimeout(() => void this.attempt('timer'), delay)
    this.retryTimer.unref?.()
    this.set({ state: 'disconnected', endpoint, info: null, error, nextRetryAt: Date.now() + delay, watchingSocket: watch !== null, trigger, attempt: this.failures })
  }

  /** The watch of the endpoint's socket, started when missing; null for an engine without a watchable socket. */
  private ensureWatch(): SocketWatch | null {
    if (this.socketWatch || this.watchFailed || !this.endpoint) return this.socketWatch
    const path = watchablePath(this.endpoint.url)
    if (!path) return null
    try {
      this.socketWatch = this.watchSocket(
        path,
        () => this.socketReturned(),
        () => this.watchBroke(),
      )
    } catch {
      this.watchFailed = true
    }
    return this.socketWatch
  }

  private socketReturned(): void {
    if (this.status.state === 'connected') return
    void this.attempt('socket')
  }

  /** The folder can no longer be watched: from now on the timer alone brings attempts. */
  private watchBroke(): void {
    this.socketWatch = null
    this.watchFailed = true
    if (this.status.state === 'disconnected' && this.status.nextRetryAt === null && this.status.error) this.scheduleRetry(this.status.error, this.status.trigger)
  }

  private stopWatching(): void {
    this.socketWatch?.close()
    this.socketWatch = null
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

/** A unix socket's path; a named pipe is no file whose folder could be watched. */
function watchablePath(url: string): string | null {
  return url.startsWith('unix://') ? socketPathOf(url) : null
}

const isLocal = (url: string): boolean => socketPathOf(url) !== null

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

const isTimeout = (err: unknown): boolean => (err as { code?: unknown } | null)?.code === 'ETIMEDOUT'

/**
 * `call` failing with ETIMEDOUT when it has no answer within `ms`. It runs in a scope of its own,
 * so its engine calls are aborted then too (dial-deadline.ts): a stalled engine keeps no socket.
 */
function withTimeout<T>(call: () => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController()
  const answer = inRequestScope(controller.signal, call)
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => {
      reject(Object.assign(new Error(`no answer within ${ms} ms`), { code: 'ETIMEDOUT' }))
      controller.abort()
    }, ms)
    answer.then(
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
