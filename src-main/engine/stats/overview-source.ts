import type { StatsOverview, StatsSnapshot } from '../../../src-shared/contract/stats'
import type { EngineEvent } from '../../../src-shared/contract/events'
import type { Disposer } from '../../streams/disposable'
import type { StreamSource } from '../../streams/registry'
import type { EngineConnection } from '../connection'
import type { StatsHub } from './hub'
import { SNAPSHOT_INTERVAL_MS, toSnapshot } from './snapshots-source'
import { Throttle } from './throttle'

function overviewOf(snapshots: StatsSnapshot[], host: StatsOverview['host']): StatsOverview {
  let cpuPercent = 0
  let memoryBytes = 0
  for (const s of snapshots) {
    cpuPercent += s.cpuPercent ?? 0
    memoryBytes += s.memoryBytes ?? 0
  }
  return { containers: snapshots, totals: { cpuPercent, memoryBytes }, host }
}

/**
 * The `stats:overview` topic: every running container's latest figures, their totals and the
 * host's CPUs and memory, at most once a second. Running containers come from a list when it
 * opens (and after a reconnect) and from start/die/destroy events after that. Its feeds ask for
 * no stream of their own: beyond the cap they are sampled in rotation.
 */
export function statsOverviewSource(conn: EngineConnection, hub: StatsHub, onContainerEvent: (l: (e: EngineEvent) => void) => Disposer): StreamSource<StatsOverview> {
  return {
    open(emit) {
      const feeds = new Map<string, Disposer>()
      const latest = new Map<string, StatsSnapshot>()
      let closed = false
      const host = (): StatsOverview['host'] => {
        const info = conn.getStatus().info
        return { cpus: info?.cpus ?? 0, memoryBytes: info?.memoryBytes ?? 0 }
      }
      const throttle = new Throttle(() => emit(overviewOf([...latest.values()], host())), SNAPSHOT_INTERVAL_MS)

      const unwatch = (id: string) => {
        feeds.get(id)?.()
        feeds.delete(id)
        if (latest.delete(id)) throttle.poke()
      }
      const watch = (id: string) => {
        if (closed || feeds.has(id)) return
        feeds.set(
          id,
          hub.feed(id, false, {
            onMessage: (m) => {
              if (m.kind === 'sample') {
                latest.set(id, toSnapshot(id, m.sample))
                throttle.poke()
              } else if (m.state !== 'running') unwatch(id)
            },
            onEnd: () => unwatch(id),
          }),
        )
      }
      const list = async () => {
        let ids: string[]
        try {
          ids = await conn.run(async (d) => (await d.listContainers({ filters: { status: ['running'] } })).map((c) => c.Id))
        } catch {
          return // Not connected: the reconnect lists again.
        }
        if (closed) return
        const running = new Set(ids)
        for (const id of [...feeds.keys()]) if (!running.has(id)) unwatch(id)
        ids.forEach(watch)
        // Say so at once even when nothing runs.
        throttle.poke()
      }

      const offEvents = onContainerEvent((e) => {
        if (e.type === 'container' && e.action === 'start') watch(e.id)
      })
      const offStatus = conn.onStatus((s) => {
        if (s.state === 'connected') void list()
      })
      void list()
      return () => {
        closed = true
        offEvents()
        offStatus()
        throttle.dispose()
        for (const off of feeds.values()) off()
        feeds.clear()
      }
    },
  }
}
