import { homedir } from 'node:os'
import type { EngineEvent, EventBatch } from '../src-shared/contract/events'
import { buildChannels } from './engine/build/channels'
import { BuildService } from './engine/build/service'
import { EngineConnection } from './engine/connection'
import { ContainerService } from './engine/containers'
import { containerChannels } from './engine/containers-channels'
import { engineChannels } from './engine/engine-channels'
import { EVENTS_KEY, eventsSource } from './engine/events'
import { eventChannels } from './engine/events-channels'
import { execChannels } from './engine/exec/channels'
import type { LiveFeed } from './engine/live/changes-source'
import { ExecService } from './engine/exec/service'
import { fileChannels } from './engine/files/channels'
import { FileService } from './engine/files/service'
import { imageChannels } from './engine/images/channels'
import { ImageService } from './engine/images/service'
import { KnownEngines } from './engine/known-engines'
import { logChannels } from './engine/logs/channels'
import { LogService } from './engine/logs/service'
import { networkChannels } from './engine/networks/channels'
import { NetworkService } from './engine/networks/service'
import { runChannels } from './engine/run/channels'
import { RunService } from './engine/run/service'
import { statsChannels } from './engine/stats/channels'
import { StatsService } from './engine/stats/service'
import { systemChannels } from './engine/system/channels'
import { SystemService } from './engine/system/service'
import { volumeChannels } from './engine/volumes/channels'
import { VolumeService } from './engine/volumes/service'
import type { ServicesHost } from './exports/host'
import { PickedFiles } from './exports/picks'
import { hubChannels } from './hub/channels'
import { HubClient, searchEndpointOf } from './hub/client'
import { registryChannels } from './registry/channels'
import { CredentialStore } from './registry/credentials'
import { dockerConfigDir } from './registry/docker-config'
import { KnownRegistries } from './registry/known'
import { RegistryService } from './registry/service'
import { preferenceChannels } from './settings/preferences-channels'
import { SettingsStore } from './settings/store'
import type { Disposer } from './streams/disposable'
import { channelTable, type ChannelTable } from './transport/channel-table'
import { StreamRegistry } from './streams/registry'

export interface ServicesOptions<H extends ServicesHost> {
  /** What the host gives: Electron's dialogs (window/dialog-host.ts) or browser mode's links (transport/browser-host.ts). */
  host: H
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
export class Services<H extends ServicesHost = ServicesHost> {
  readonly host: H
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
  readonly engines: KnownEngines
  /** Registry credentials the Docker way (config.json, credential helpers); pull/push use it. */
  readonly credentials: CredentialStore
  /** Docker Hub's public API (search, repository pages, tags). */
  readonly hub: HubClient
  readonly registries: RegistryService
  /** Files picked in main's dialog, behind tickets, until they are uploaded. */
  readonly pickedFiles = new PickedFiles()
  /** What every `*:changes` topic follows: the shared engine events and the connection. */
  readonly liveFeed: LiveFeed = {
    onEngineEvents: (listener) => this.onEngineBatch(listener),
    status: () => this.connection.getStatus(),
    engineNow: () => this.connection.engineNow(),
    onStatus: (listener) => this.connection.onStatus(listener),
  }
  /** Every channel's handler or stream binding, as the router serves them. */
  readonly channels: ChannelTable

  constructor(options: ServicesOptions<H>) {
    this.host = options.host
    this.settings = new SettingsStore(options.configDir)
    const env = options.env ?? process.env
    this.engines = new KnownEngines({ connection: this.connection, settings: this.settings, engineUrl: options.engineUrl, env })
    this.credentials = new CredentialStore({ dockerConfigDir: options.dockerConfigDir ?? dockerConfigDir(env, homedir()), env })
    this.hub = new HubClient({ baseUrl: options.hubUrl ?? (env.BERTH_HUB_URL || undefined), search: searchEndpointOf(env.BERTH_HUB_SEARCH) })
    this.registries = new RegistryService({ credentials: this.credentials, known: new KnownRegistries(options.configDir), conn: this.connection })
    this.channels = this.domainChannels()
  }

  /** Connects to the chosen engine, or the first one present. */
  start(): Promise<void> {
    return this.engines.connectChosen()
  }

  /** Engine events one by one, on the same engine stream the `events` topic shares. */
  onEngineEvent(listener: (e: EngineEvent) => void): Disposer {
    return this.onEngineBatch((batch) => batch.events.forEach(listener))
  }

  /** The `events` topic's batches (events and re-read container rows), on its one shared engine stream. */
  onEngineBatch(listener: (batch: EventBatch) => void): Disposer {
    return this.streams.subscribe(EVENTS_KEY, () => eventsSource(this.connection, this.containers), { onMessage: listener, onEnd: () => undefined })
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

  /** Each domain's module, given what it needs. */
  private domainChannels(): ChannelTable {
    const { connection, containers, host } = this
    return channelTable({
      containers: containerChannels({ containers, liveFeed: this.liveFeed }),
      engine: engineChannels({ connection, engines: this.engines }),
      events: eventChannels({ connection, containers }),
      preferences: preferenceChannels({ settings: this.settings }),
      logs: logChannels({ logs: this.logs, exports: host.exports }),
      stats: statsChannels({ stats: this.stats }),
      exec: execChannels({ exec: this.exec }),
      images: imageChannels({ images: this.images, liveFeed: this.liveFeed }),
      hub: hubChannels({ hub: this.hub }),
      registries: registryChannels({ registries: this.registries }),
      run: runChannels({ run: this.run }),
      build: buildChannels({ build: this.build, host }),
      volumes: volumeChannels({ volumes: this.volumes, liveFeed: this.liveFeed, host }),
      networks: networkChannels({ networks: this.networks, liveFeed: this.liveFeed }),
      files: fileChannels({ files: this.files, pickedFiles: this.pickedFiles, host }),
      system: systemChannels({ system: this.system }),
    })
  }
}
