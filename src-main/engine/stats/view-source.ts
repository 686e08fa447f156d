import type { StatsLimits, StatsMessage, StatsSample } from '../../../src-shared/contract/stats'
import { toBerthError } from '../errors'
import type { Disposer } from '../../streams/disposable'
import type { StreamSource } from '../../streams/registry'
import type { EngineConnection } from '../connection'
import type { StatsHub } from './hub'
import { resolveTarget } from './resolve'
import type { FeedState } from './watch'

/**
 * The `stats` topic for one container (its Stats tab): the history kept in main and the limits,
 * then every sample, and the container's state when it stops, runs again or is removed.
 * A subscriber who joins later gets the history as it is then.
 */
export function statsViewSource(conn: EngineConnection, hub: StatsHub, ref: string): StreamSource<StatsMessage> {
  let id: string | null = null
  let limits: StatsLimits = { cpuPercent: null, memoryBytes: null }
  let state: FeedState = 'running'
  const historyMessage = (samples: StatsSample[]): StatsMessage => ({ kind: 'history', samples, limits })
  return {
    replay: () => (id === null ? [] : [historyMessage(hub.history.samples(id)), ...(state === 'running' ? [] : [{ kind: 'state' as const, state }])]),
    open(emit, end) {
      let closed = false
      let off: Disposer | null = null
      const start = async () => {
        let target
        try {
          target = await resolveTarget(conn, ref)
        } catch (err) {
          if (!closed) end(toBerthError(err).toJSON())
          return
        }
        if (closed) return
        id = target.id
        limits = target.limits
        state = target.running ? 'running' : 'stopped'
        emit(historyMessage(hub.history.samples(target.id)))
        if (state === 'stopped') emit({ kind: 'state', state })
        off = hub.feed(target.id, true, {
          onMessage: (m) => {
            if (m.kind === 'sample') return emit(m)
            if (m.state === state) return
            state = m.state
            emit(m)
            if (m.state === 'removed') end()
          },
          onEnd: (error) => {
            if (closed) return
            if (state !== 'removed') end(error)
          },
        })
      }
      void start()
      return () => {
        closed = true
        off?.()
      }
    },
  }
}
