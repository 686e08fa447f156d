// The engine event stream: its public names (the machines and their pieces stay inside the folder).
export { EVENTS_KEY, eventsSource } from './source'
export { EVENT_BATCH_MS } from './batch-machine'
export { changedContainerIds, toEngineEvent, type RawEvent } from './engine-event'
export { RecentEvents } from './recent'
