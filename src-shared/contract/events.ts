import { noParams } from './common'
import { topic } from './define'
import type { ContainerRow } from './containers'

/** An engine event, reduced to what the UI uses (attributes such as env never cross). */
export interface EngineEvent {
  type: string
  action: string
  id: string
  name: string | null
  timeNano: number
}

/** A container's fresh row after an event, or null once it is gone. */
export interface ContainerPatch {
  id: string
  row: ContainerRow | null
}

export interface EventBatch {
  events: EngineEvent[]
  containers: ContainerPatch[]
}

export const eventTopics = {
  /** Engine events, coalesced into batches, with container rows already re-read. */
  'events:stream': topic<EventBatch>()(noParams),
}
