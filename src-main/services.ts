import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { isAbsolute, join } from 'node:path'
import { BerthError } from '../src-shared/contract/errors'
import type { EndpointList, EngineEndpoint } from '../src-shared/contract/engine'
import type { EngineEvent, EventBatch } from '../src-shared/contract/events'
import { EngineConnection } from './engine/connection'
import { ContainerService } from './engine/containers'
import { discoverEndpoints } from './engine/discovery'
import { publicEndpoint, socketPathOf, type ResolvedEndpoint } from './engine/endpoint'
import { EVENTS_KEY, eventsSource } from './engine/events'
import type { LiveFeed } from './engine/live/changes-source'
import { BuildService } from './engine/build/service'
import { ExecService } from './engine/exec/service'
import { HubClient, searchEndpointOf } from './hub/client'
import { FileService } from './engine/files/service'
import { ImageService } from './engine/images/service'
import { NetworkService } from './engine/networks/service'
import { VolumeService } from './engine/volumes/service'
import { SystemService } from './engine/system/service'
import { LogService } from './engine/logs/service'
import { RunService } from './engine/run/service'
import { StatsService } from './engine/stats/service'
import { PickedFiles, type FilePicker } from './exports/picks'
import type { ExportTarget } from './exports/target'
import type { Uploads } from './transport/uploads'
import { CredentialStore } from './registry/credentials'
import { dockerConfigDir } from './registry/docker-config'
import { KnownRegistries } from './registry/known'
import { RegistryService } from './registry/service'
import { SettingsStore } from './settings/store'
import type { Disposer } from './streams/disposable'
import { StreamRegistry } from './streams/registry'

export interface ServicesOptions {
  configDir: string
  /** Overrides discovery (tests point Berth at a proxy socket this way). */
  engineUrl?: string
  env?: Record<string, string | undefined>
  /** Where Docker's config.json lives; default $DOCKER_CONFIG or ~/.docker (tests use a temp dir). */
  dockerConfigDir?: string
  /** Docker Hub's API base URL; default $BERTH_HUB_URL, else https://hub.docker.com (tests point it at a fixture). */
  hubUrl?: string
}

/** Everything main offers, independent of how it is carried (Electron IPC or WebSocket). */
export class Services {
  readonly connection = new EngineConnection()
  readonly containers = new ContainerService(this.connection)
  readonly streams = new StreamRegistry()
  readonly logs = new LogService({ conn: this.connection, onContainerEvent: (l) => this.onEngineEvent(l) })
  readonly stats = new StatsService({ conn: this.connection, streams: this.streams, onContainerEvent: (l) => this.onEngineEvent(l) })
  readonly exec = new ExecService({ conn: this.connection, onContainerEvent: (l) => this.onEngineEvent(l) })
  readonly networks = new NetworkService(this.connection)
  readonly system = new SystemService(this.connection, this.networks)
  readonly files = new FileService(this.connection)
  // Pull and push read credentials when they start (credentials is set in the constructor).
  readonly images = new ImageService({ conn: this.connection, auth: { authFor: (host) => this.credentials.authFor(host) } })
  readonly run = new RunService(this.connection)
  readonly build = new BuildService(this.connection)
  readonly volumes = new VolumeService(this.connection)
  readonly settings: SettingsStore
  /** Registry credentials the Docker way (config.json, credential helpers); pull/push use it. */
  readonly credentials: CredentialStore
  /** Docker Hub's public API (search, repository pages, tags). */
  readonly hub: HubClient
  readonly registries: RegistryService
  /** Where exports go: set by the carrier (a save dialog in Electron, a download in browser mode). */
  exportTarget: ExportTarget | null = null
  /** Uploads: Electron picks files in main (a dialog); browser mode takes them over HTTP links. */
  filePicker: FilePicker | null = null
  readonly pickedFiles = new PickedFiles()
  uploads: Uploads | null = null
  /** What every `*:changes` topic follows: the shared engine events and the connection. */
  readonly liveFeed: LiveFeed = {
    onEngineEvents: (listener) => this.onEngineBatch(listener),
    status: () => this.connection.getStatus(),
    engineNow: () => this.connection.engineNow(),
    onStatus: (listener) => this.connection.onStatus(listener),
  }

  constructor(private readonly options: ServicesOptions) {
    this.settings = new SettingsStore(options.configDir)
    const env = options.env ?? process.env
    this.credentials = new CredentialStore({ dockerConfigDir: options.dockerConfigDir ?? dockerConfigDir(env, homedir()), env })
    this.hub = new HubClient({ baseUrl: options.hubUrl ?? (env.BERTH_HUB_URL || undefined), search: searchEndpointOf(env.BERTH_HUB_SEARCH) })
    this.registries = new RegistryService({ credentials: this.credentials, known: new KnownRegistries(options.configDir), conn: this.connection })
  }

  /** Connects to the chosen engine, or the first one present. */
  async start(): Promise<void> {
    const { endpoints, activeId } = this.endpoints()
    const chosen = endpoints.find((e) => e.id === activeId) ?? endpoints.find((e) => e.present) ?? endpoints[0]
    if (chosen) await this.connection.use(this.resolve(chosen.id))
  }

  /** Engine events one by one, on the same engine stream the `events` topic shares. */
  onEngineEvent(listener: (e: EngineEvent) => void): Disposer {
    return this.onEngineBatch((batch) => batch.events.forEach(listener))
  }

  /** The `events` topic's batches (events and re-read container rows), on its one shared engine stream. */
  onEngineBatch(listener: (batch: EventBatch) => void): Disposer {
    return this.streams.subscribe(EVENTS_KEY, () => eventsSource(this.connection, this.containers), { onMessage: listener, onEnd: () => undefined })
  }

  endpoints(): EndpointList {
    const all = this.allEndpoints()
    const active = this.connection.getStatus().endpoint?.id ?? this.settings.get().activeEndpointId
    return { endpoints: all.map(publicEndpoint), activeId: all.some((e) => e.id === active) ? active : null }
  }

  async select(id: string) {
    const endpoint = this.resolve(id)
    this.settings.update((s) => ({ ...s, activeEndpointId: id }))
    return this.connection.use(endpoint)
  }

  addEndpoint(url: string, name?: string, tlsDir?: string): EngineEndpoint {
    if (tlsDir !== undefined) checkTlsFolder(tlsDir)
    const existing = this.allEndpoints().find((e) => e.url === url)
    if (existing) return publicEndpoint(existing)
    // Time plus randomness: two engines added in the same millisecond still get their own ids.
    const id = `user:${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`
    const label = name ?? url.replace(/^\w+:\/\//, '')
    this.settings.update((s) => ({ ...s, userEndpoints: [...s.userEndpoints, { id, name: label, url, ...(tlsDir !== undefined ? { tlsDir } : {}) }] }))
    return publicEndpoint(this.resolve(id))
  }

  forgetEndpoint(id: string): void {
    if (!this.settings.get().userEndpoints.some((e) => e.id === id)) {
      throw new BerthError('INVALID_INPUT', 'Only engines you added yourself can be removed; discovered ones come back on their own.', { reason: 'endpoint_not_user' })
    }
    if (this.connection.getStatus().endpoint?.id === id) {
      throw new BerthError('CONFLICT', 'This engine is in use. Pick another one first.', { reason: 'endpoint_in_use' })
    }
    this.settings.update((s) => ({ ...s, userEndpoints: s.userEndpoints.filter((e) => e.id !== id), activeEndpointId: s.activeEndpointId === id ? null : s.activeEndpointId }))
  }

  /**
   * Quitting: closes every stream, waits (at most `capMs`) until closed terminals' execs are
   * confirmed gone in the engine — ending them needs the connection — then disposes.
   */
  async shutdown(capMs = 5000): Promise<void> {
    this.streams.closeAll()
    let timer: ReturnType<typeof setTimeout> | undefined
    await Promise.race([this.exec.settled(), new Promise<void>((r) => (timer = setTimeout(r, capMs)))])
    clearTimeout(timer)
    this.dispose()
  }

  dispose(): void {
    this.stats.dispose()
    this.streams.closeAll()
    this.connection.dispose()
  }

  private resolve(id: string): ResolvedEndpoint {
    const found = this.allEndpoints().find((e) => e.id === id)
    if (!found) throw new BerthError('NOT_FOUND', 'That engine is no longer known to Berth.', { reason: 'endpoint_unknown', ref: id })
    return found
  }

  private allEndpoints(): ResolvedEndpoint[] {
    const env = this.options.env ?? process.env
    const discovered: ResolvedEndpoint[] = this.options.engineUrl
      ? [{ id: 'cli:engine', name: this.options.engineUrl.replace(/^\w+:\/\//, ''), url: this.options.engineUrl, source: 'env', present: true }]
      : discoverEndpoints({
          env,
          home: homedir(),
          platform: process.platform,
          uid: typeof process.getuid === 'function' ? process.getuid() : null,
          exists: existsSync,
          readText: (p) => {
            try {
              return readFileSync(p, 'utf8')
            } catch {
              return null
            }
          },
        })
    const user: ResolvedEndpoint[] = this.settings.get().userEndpoints.map((u) => {
      const socket = socketPathOf(u.url)
      return { ...u, source: 'user', present: socket && !socket.startsWith('//') ? existsSync(socket) : true }
    })
    return [...discovered, ...user.filter((u) => !discovered.some((d) => d.url === u.url))]
  }
}

/** A TLS folder must be an absolute path holding the three files the docker CLI reads from DOCKER_CERT_PATH. */
function checkTlsFolder(dir: string): void {
  const missing = isAbsolute(dir) ? TLS_FILES.filter((f) => !existsSync(join(dir, f))) : [...TLS_FILES]
  if (missing.length > 0) {
    throw new BerthError('INVALID_INPUT', `The TLS folder ${dir} must be a full path holding ca.pem, cert.pem and key.pem; ${isAbsolute(dir) ? `it lacks ${missing.join(', ')}` : 'it is not a full path'}.`, {
      reason: 'engine_tls_folder',
      path: dir,
      missing: missing.join(', '),
    })
  }
}

const TLS_FILES = ['ca.pem', 'cert.pem', 'key.pem']
