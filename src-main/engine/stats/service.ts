import type { EngineEvent } from '../../../src-shared/contract/events'
import type { ProcessTable, StatsMessage, StatsOverview, StatsSnapshot } from '../../../src-shared/contract/stats'
import type { Disposer } from '../../streams/disposable'
import type { StreamRegistry, StreamSource } from '../../streams/registry'
import type { EngineConnection } from '../connection'
import { StatsHub } from './hub'
import { statsOverviewSource } from './overview-source'
import { statsSnapshotsSource } from './snapshots-source'
import { topOf } from './top'
import { statsViewSource } from './view-source'

export interface StatsServiceDeps {
  conn: EngineConnection
  streams: StreamRegistry
  onContainerEvent(listener: (e: EngineEvent) => void): Disposer
}

/** Live stats (one container, the list's rows, the overview) and `docker top`. */
export class StatsService {
  readonly hub: StatsHub

  constructor(private readonly deps: StatsServiceDeps) {
    this.hub = new StatsHub(deps)
  }

  view(ref: string): StreamSource<StatsMessage> {
    return statsViewSource(this.deps.conn, this.hub, ref)
  }

  snapshots(ids: string[]): StreamSource<StatsSnapshot[]> {
    return statsSnapshotsSource(this.deps.conn, this.hub, ids)
  }

  overview(): StreamSource<StatsOverview> {
    return statsOverviewSource(this.deps.conn, this.hub, this.deps.onContainerEvent)
  }

  top(ref: string, psArgs?: string): Promise<ProcessTable> {
    return topOf(this.deps.conn, ref, psArgs)
  }

  dispose(): void {
    this.hub.dispose()
  }
}
