import { defineDomain } from '../../channels/domain'
import type { DomainChannels } from '../../channels/types'
import type { EngineConnection } from '../connection'
import { ExecService, type ExecServiceDeps } from './service'

export function execChannels({ exec }: { exec: ExecService }): DomainChannels<'exec'> {
  return {
    requests: {
      'exec:probe': ({ id }) => exec.probe(id),
      'exec:input': ({ sessionId, data }) => exec.input(sessionId, data),
      'exec:resize': ({ sessionId, cols, rows }) => exec.resize(sessionId, cols, rows),
    },
    topics: {
      // Every subscription is its own session: its key holds a fresh random session id, so nothing is shared.
      'exec:session': (p) => {
        const sessionId = exec.newSessionId()
        return { key: `exec:${sessionId}`, source: () => exec.source(p, sessionId) }
      },
    },
  }
}

export const execDomain = defineDomain({
  name: 'exec',
  create: ({ connection, onEngineEvent }: { connection: EngineConnection; onEngineEvent: ExecServiceDeps['onContainerEvent'] }) => {
    const exec = new ExecService({ conn: connection, onContainerEvent: onEngineEvent })
    // Quitting waits until closed terminals' execs are confirmed gone in the engine.
    return { service: exec, channels: execChannels({ exec }), settled: () => exec.settled() }
  },
})
