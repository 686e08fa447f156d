import { api } from '../../api'

// What the container detail screen asks of main besides the live list: the engine's inspect
// document and a `docker top` snapshot (the list row comes from the containers store).

/** The inspect document; aborting `signal` cancels the request (it then throws CANCELLED). */
export const inspectContainer = (id: string, signal?: AbortSignal) => api().invokeWith(signal, 'containers:inspect', { id })

/** The container's processes; `psArgs` empty: the engine's default ps options. */
export const listProcesses = (id: string, psArgs: string) => api().invoke('stats:top', psArgs ? { id, psArgs } : { id })
