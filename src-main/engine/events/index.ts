// The engine event stream: its public names (the machines and their pieces stay inside the folder).
export { EVENTS_KEY, eventsSource } from './source'
