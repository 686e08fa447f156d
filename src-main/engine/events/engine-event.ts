import type { EngineEvent } from '../../../src-shared/contract/events'

/** An event as the engine's `/events` stream writes it (only the fields Berth reads). */
export interface RawEvent {
  Type?: string
  Action?: string
  Actor?: { ID?: string; Attributes?: Record<string, string> }
  id?: string
  time?: number
  timeNano?: number
}

// Actions that never change what a container row shows.
const ROW_NEUTRAL = /^(exec_|top$|attach$|resize$|export$|commit$|copy$|archive-path$|extract-to-dir$)/

/** What the UI uses of an engine event (never its other attributes: they can hold env values); null when it names nothing. */
export function toEngineEvent(raw: RawEvent): EngineEvent | null {
  const id = raw.Actor?.ID ?? raw.id
  if (!raw.Type || !raw.Action || !id) return null
  return {
    type: raw.Type,
    action: raw.Action,
    id,
    name: raw.Actor?.Attributes?.name ?? null,
    timeNano: raw.timeNano ?? (raw.time ?? 0) * 1e9,
  }
}

/** Container ids whose row an event batch may have changed, in first-seen order. */
export function changedContainerIds(events: readonly EngineEvent[]): string[] {
  const ids = new Set<string>()
  for (const e of events) if (e.type === 'container' && !ROW_NEUTRAL.test(e.action)) ids.add(e.id)
  return [...ids]
}
