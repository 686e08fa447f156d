import type { ContainerRow } from '../../src-shared/contract/containers'
import type { EngineEvent } from '../../src-shared/contract/events'

// dockerd sends some events (pause, unpause, …) before it saves the container where the list
// reads it, so a row read at once can still show the state from before the event. This says
// whether a row read after an event can be the state that event produced.

const ALIVE = new Set(['running', 'paused', 'restarting'])

export function rowAgreesWith(action: string, row: ContainerRow | null): boolean {
  if (action === 'destroy') return row === null
  if (row === null) return false
  switch (action) {
    case 'pause':
      return row.state === 'paused'
    case 'unpause':
      return row.state !== 'paused'
    case 'start':
    case 'restart':
      // A container that exits at once has a later `die` event in this or the next batch.
      return row.state !== 'created'
    case 'die':
    case 'stop':
    case 'oom':
      return !ALIVE.has(row.state) || row.state === 'restarting'
    case 'rename':
      return true
    default: {
      const health = /^health_status: (healthy|unhealthy|starting)$/.exec(action)?.[1]
      return health ? row.health === health : true
    }
  }
}

/** The last row-changing action per container in a batch. */
export function lastActions(events: EngineEvent[], ids: readonly string[]): Map<string, string> {
  const wanted = new Set(ids)
  const last = new Map<string, string>()
  for (const e of events) if (e.type === 'container' && wanted.has(e.id)) last.set(e.id, e.action)
  return last
}
