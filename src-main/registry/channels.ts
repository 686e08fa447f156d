import { defineDomain } from '../channels/domain'
import type { DomainChannels } from '../channels/types'
import type { EngineConnection } from '../engine/connection'
import type { CredentialStore } from './credentials'
import { KnownRegistries } from './known'
import { RegistryService } from './service'

export function registryChannels({ registries }: { registries: RegistryService }): DomainChannels<'registries'> {
  return {
    requests: {
      'registries:list': () => registries.list(),
      'registries:add': (p) => registries.add(p.registry),
      'registries:forget': (p) => registries.forget(p.registry),
      'registries:login': (p) => registries.login(p.registry, p.username, p.password),
      'registries:logout': (p) => registries.logout(p.registry),
      'registries:catalog': (p) => registries.catalog(p.registry, p.last),
      'registries:tags': (p) => registries.tags(p.registry, p.repository, p.last),
      'registries:manifest': (p) => registries.manifest(p.registry, p.repository, p.reference),
    },
    topics: {},
  }
}

export const registriesDomain = defineDomain({
  name: 'registries',
  create: ({ connection, credentials, configDir }: { connection: EngineConnection; credentials: CredentialStore; configDir: string }) => {
    const registries = new RegistryService({ credentials, known: new KnownRegistries(configDir), conn: connection })
    return { service: registries, channels: registryChannels({ registries }) }
  },
})
