import { homedir } from 'node:os'
import type { EngineEvent, EventBatch } from '../src-shared/contract/events'
import { channelsOf, createDomains, servicesOf, type DomainCore, type DomainInstances, type DomainServices } from './domains'
import { EngineConnection } from './engine/connection'
import { ContainerService } from './engine/containers'
import { EVENTS_KEY, eventsSource } from './engine/events'
import type { LiveFeed } from './engine/live/changes-source'
import { KnownEngines } from './engine/known-engines'
import type { ServicesHost } from './exports/host'
import { CredentialStore } from './registry/credentials'
import { dockerConfigDir } from './registry/docker-config'
import { SettingsStore } from './settings/store'
import type { Disposer } from './streams/disposable'
import { StreamRegistry } from './streams/registry'
import { channelTable, type ChannelTable } from './transport/channel-table'

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
  readonly settings: SettingsStore
  readonly engines: KnownEngines
  /** Registry credentials the Docker way (config.json, credential helpers); pull/push use it. */
  readonly credentials: CredentialStore
  /** What every `*:changes` topic follows: the shared engine events and the connection. */
  readonly liveFeed: LiveFeed = {
    onEngineEvents: (listener) => this.onEngineBatch(listener),
    status: () => this.connection.getStatus(),
    engineNow: () => this.connection.engineNow(),
    onStatus: (listener) => this.connection.onStatus(listener),
  }
  /** Each domain's own service (`domains.files`, `domains.exec`, …), made by its module. */
  readonly domains: DomainServices
  /** Every channel's handler or stream binding, as the router serves them. */
  readonly channels: ChannelTable
  private readonly instances: DomainInstances

  constructor(options: ServicesOptions<H>) {
    this.host = options.host
    this.settings = new SettingsStore(options.configDir)
    const env = options.env ?? process.env
    this.engines = new KnownEngines({ connection: this.connection, settings: this.settings, engineUrl: options.engineUrl, env })
    this.credentials = new CredentialStore({ dockerConfigDir: options.dockerConfigDir ?? dockerConfigDir(env, homedir()), env })
    this.instances = createDomains(this.core(options.configDir, env, options.hubUrl))
    this.domains = servicesOf(this.instances)
    this.channels = channelTable(channelsOf(this.instances))
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
    const settled = Object.values(this.instances).map((domain) => domain.settled?.())
    await Promise.race([Promise.all(settled), new Promise<void>((r) => (timer = setTimeout(r, capMs)))])
    clearTimeout(timer)
    this.dispose()
  }

  dispose(): void {
    for (const domain of Object.values(this.instances)) domain.dispose?.()
    this.streams.closeAll()
    this.connection.dispose()
  }

  /** What every domain module is made from (domains.ts): the connection, the shared streams, settings, credentials, the host. */
  private core(configDir: string, env: Record<string, string | undefined>, hubUrl: string | undefined): DomainCore {
    const { connection, containers, streams, liveFeed, settings, engines, credentials, host } = this
    return { connection, containers, streams, liveFeed, settings, engines, credentials, host, configDir, env, hubUrl, onEngineEvent: (l) => this.onEngineEvent(l) }
  }
}
