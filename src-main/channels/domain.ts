import type { DomainChannels, DomainName } from './types'

/** What a domain's module makes when Services starts: its channels and, if it has one, its own service. */
export interface DomainInstance<D extends DomainName, S> {
  channels: DomainChannels<D>
  /** The domain's own service; Services shows it as `services.domains.<name>` (tests and benchmarks use it). */
  service?: S
  /** Resolves once work that outlives the domain's streams has ended; `Services.shutdown()` waits for it (capped). */
  settled?(): Promise<void>
  /** Releases what the domain holds besides its streams (timers, pollers) when Services is disposed. */
  dispose?(): void
}

/**
 * A domain of main: the contract domain it answers and how it is made from the core Services
 * offers every domain. `Core` is the part of that core this domain uses; services.ts checks
 * that the core provides it. `scripts/gen-registries.ts` finds every `export const <name>Domain = defineDomain(…)`.
 */
export interface DomainModule<D extends DomainName, Core, S> {
  name: D
  // A property, not a method: the compiler then checks the core against what `create` asks for.
  create: (core: Core) => DomainInstance<D, S>
}

export function defineDomain<D extends DomainName, Core, S = undefined>(module: DomainModule<D, Core, S>): DomainModule<D, Core, S> {
  return module
}
