import type { EngineEvent } from '../src-shared/contract/events'
import type { DomainInstance, DomainModule } from './channels/domain'
import type { DomainName } from './channels/types'
import { domainModules } from './domain-modules.generated'
import type { EngineConnection } from './engine/connection'
import type { ContainerService } from './engine/containers'
import type { KnownEngines } from './engine/known-engines'
import type { LiveFeed } from './engine/live/changes-source'
import type { ServicesHost } from './exports/host'
import type { CredentialStore } from './registry/credentials'
import type { SettingsStore } from './settings/store'
import type { Disposer } from './streams/disposable'
import type { StreamRegistry } from './streams/registry'
import type { ChannelsByDomain } from './transport/channel-table'

/** What Services offers every domain module's `create()`; each module names the part it uses. */
export interface DomainCore {
  connection: EngineConnection
  /** Core, not a domain's own: the shared events stream re-reads container rows with it. */
  containers: ContainerService
  streams: StreamRegistry
  /** What every `*:changes` topic follows: the shared engine events and the connection. */
  liveFeed: LiveFeed
  /** Engine events one by one, on the one shared engine stream. */
  onEngineEvent(listener: (e: EngineEvent) => void): Disposer
  settings: SettingsStore
  engines: KnownEngines
  /** Registry credentials the Docker way; pull, push and the registries screen read them. */
  credentials: CredentialStore
  host: ServicesHost
  configDir: string
  env: Record<string, string | undefined>
  hubUrl: string | undefined
}

// The compiler's checks: every contract domain has its module (a missing one is a missing
// property here), each answers its own domain's channels, and the core gives each what it asks for.
const modules: { [D in DomainName]: DomainModule<D, DomainCore, unknown> } = domainModules

export type DomainInstances = { [D in DomainName]: DomainInstance<D, unknown> }

type Modules = typeof domainModules
type ServiceOf<M> = M extends { create: (core: never) => { service?: infer S } } ? NonNullable<S> : never
/** Each domain's own service, by domain; domains that only answer with core services are absent. */
export type DomainServices = { [D in keyof Modules as [ServiceOf<Modules[D]>] extends [never] ? never : D]: ServiceOf<Modules[D]> }

/** Makes every domain module of main (domain-modules.generated.ts, written by `npm run registries`). */
export function createDomains(core: DomainCore): DomainInstances {
  const names = Object.keys(modules) as DomainName[]
  return Object.fromEntries(names.map((name) => [name, modules[name].create(core)])) as DomainInstances
}

export function channelsOf(instances: DomainInstances): ChannelsByDomain {
  return Object.fromEntries(Object.entries(instances).map(([name, instance]) => [name, instance.channels])) as ChannelsByDomain
}

export function servicesOf(instances: DomainInstances): DomainServices {
  return Object.fromEntries(Object.entries(instances).flatMap(([name, instance]) => (instance.service === undefined ? [] : [[name, instance.service]]))) as DomainServices
}
