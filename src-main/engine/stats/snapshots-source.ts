import type { StatsSample, StatsSnapshot } from '../../../src-shared/contract/stats'
import type { Disposer } from '../../streams/disposable'
import type { StreamSource } from '../../streams/registry'
import type { EngineConnection } from '../connection'
import type { StatsHub } from './hub'
import { isFullId, resolveTarget } from './resolve'
import { Throttle } from './throttle'

/** At most one message a second per subscription, however many containers it covers. */
export const SNAPSHOT_INTERVAL_MS = 1000

export function toSnapshot(id: string, s: StatsSample): StatsSnapshot {
  return { id, cpuPercent: s.cpuPercent, memoryBytes: s.memoryBytes, memoryLimitBytes: s.memoryLimitBytes }
}

/**
 * The `stats:snapshots` topic: the latest figures of the given containers (the list's visible
 * running rows), gathered into one message at most once a second. Each container's figures come
 * from its shared feed; a container that stops or goes away drops out of the message.
 */
export function statsSnapshotsSource(conn: EngineConnection, hub: StatsHub, refs: string[]): StreamSource<StatsSnapshot[]> {
  return {
    open(emit) {
      const order = [...new Set(refs)]
      const latest = new Map<string, StatsSnapshot>()
      const offs: Disposer[] = []
      let closed = false
      // Ids in the order asked for; a name resolves to its id first.
      const ids = new Map<string, string>()
      const throttle = new Throttle(
        () =>
          emit(
            order.flatMap((ref) => {
              const snap = latest.get(ids.get(ref) ?? ref)
              return snap ? [snap] : []
            }),
          ),
        SNAPSHOT_INTERVAL_MS,
      )
      const watch = (id: string) => {
        offs.push(
          hub.feed(id, true, {
            onMessage: (m) => {
              if (m.kind === 'sample') latest.set(id, toSnapshot(id, m.sample))
              else if (m.state !== 'running') latest.delete(id)
              else return
              throttle.poke()
            },
            onEnd: () => {
              if (latest.delete(id)) throttle.poke()
            },
          }),
        )
      }
      for (const ref of order) {
        if (isFullId(ref)) {
          ids.set(ref, ref)
          watch(ref)
          continue
        }
        resolveTarget(conn, ref).then(
          (t) => {
            if (closed) return
            ids.set(ref, t.id)
            watch(t.id)
          },
          () => undefined, // Not a container (any more): it has no figures.
        )
      }
      return () => {
        closed = true
        throttle.dispose()
        offs.forEach((off) => off())
      }
    },
  }
}
