import type { ParsedParamsOf, RequestName, ResultOf } from '../../src-shared/contract'
import type { Services } from '../services'
import { imageHandlers } from './domains/images'
import { hubHandlers } from './domains/hub'
import { registryHandlers } from './domains/registries'
import { runHandlers } from './domains/run'
import { buildHandlers } from './domains/build'
import { volumeHandlers } from './domains/volumes'
import { networkHandlers } from './domains/networks'
import { fileHandlers } from './domains/files'
import { systemHandlers } from './domains/system'

type Handlers = { [K in RequestName]: (params: ParsedParamsOf<K>) => Promise<ResultOf<K>> | ResultOf<K> }

/** What each request channel does; the router has already validated `params`. */
export function requestHandlers(s: Services): Handlers {
  const c = s.containers
  return {
    'containers:list': () => c.list(),
    'containers:inspect': ({ id }) => c.inspect(id),
    'containers:start': ({ id }) => c.act(id, 'start'),
    'containers:stop': ({ id, timeoutSeconds }) => c.act(id, 'stop', { timeoutSeconds }),
    'containers:restart': ({ id }) => c.act(id, 'restart'),
    'containers:pause': ({ id }) => c.act(id, 'pause'),
    'containers:unpause': ({ id }) => c.act(id, 'unpause'),
    'containers:kill': ({ id, signal }) => c.act(id, 'kill', { signal }),
    'containers:remove': ({ id, force, volumes }) => c.remove(id, force, volumes),
    'engine:status': () => s.connection.getStatus(),
    'engine:endpoints': () => s.engines.list(),
    'engine:select': ({ id }) => s.engines.select(id),
    'engine:add': ({ url, name, tlsDir }) => s.engines.add(url, name, tlsDir),
    'engine:forget': ({ id }) => s.engines.forget(id),
    'engine:retry': () => s.connection.retryNow(),
    'logs:read': (p) => s.logs.read(p),
    'logs:export': (p) => s.logs.export(p, s.host.exports),
    'logs:export-merged': (p) => s.logs.exportMerged(p, s.host.exports),
    'stats:top': ({ id, psArgs }) => s.stats.top(id, psArgs),
    'exec:probe': ({ id }) => s.exec.probe(id),
    'exec:input': ({ sessionId, data }) => s.exec.input(sessionId, data),
    'exec:resize': ({ sessionId, cols, rows }) => s.exec.resize(sessionId, cols, rows),
    'preferences:get': () => s.settings.get().preferences,
    'preferences:set': (change) => s.settings.update((cur) => ({ ...cur, preferences: { ...cur.preferences, ...definedOnly(change) } })).preferences,
    ...imageHandlers(s),
    ...hubHandlers(s),
    ...registryHandlers(s),
    ...runHandlers(s),
    ...buildHandlers(s),
    ...volumeHandlers(s),
    ...networkHandlers(s),
    ...fileHandlers(s),
    ...systemHandlers(s),
  }
}

/** The fields a partial change actually sets (an absent field keeps the current value). */
function definedOnly<T extends object>(change: T): Partial<T> {
  return Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as Partial<T>
}
