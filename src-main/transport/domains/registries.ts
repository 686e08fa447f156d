import type { registryRequests, registryTopics } from '../../../src-shared/contract/registries'
import type { Services } from '../../services'
import type { HandlersOf, TopicBindingsOf } from '../handler-types'

export function registryHandlers(s: Services): HandlersOf<typeof registryRequests> {
  return {
    'registries:list': () => s.registries.list(),
    'registries:add': (p) => s.registries.add(p.registry),
    'registries:forget': (p) => s.registries.forget(p.registry),
    'registries:login': (p) => s.registries.login(p.registry, p.username, p.password),
    'registries:logout': (p) => s.registries.logout(p.registry),
    'registries:catalog': (p) => s.registries.catalog(p.registry, p.last),
    'registries:tags': (p) => s.registries.tags(p.registry, p.repository, p.last),
    'registries:manifest': (p) => s.registries.manifest(p.registry, p.repository, p.reference),
  }
}

export function registryTopicBindings(_s: Services): TopicBindingsOf<typeof registryTopics> {
  return {}
}
