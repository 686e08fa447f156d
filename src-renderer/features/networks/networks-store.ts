import { computed } from 'vue'
import type { NetworkRow } from '../../../src-shared/contract'
import { api } from '../../api'
import { defineLiveList } from '../../shared/live-list'

/** Main's list order: the engine's built-in networks first, then by name. */
function byNetworkOrder(a: NetworkRow, b: NetworkRow): number {
  return Number(b.builtin) - Number(a.builtin) || a.name.localeCompare(b.name)
}

/**
 * The Networks screen's rows, the live list of `networks:changes` keyed by network id, held
 * while the screen is open. Never polled: main sends the rows a network or container event changed.
 */
export const useNetworksStore = defineLiveList(
  {
    id: 'networks',
    list: (signal) => api().invokeWith(signal, 'networks:list', undefined),
    changes: 'networks:changes',
    keyOf: (r: NetworkRow) => r.id,
  },
  // A new array per change, in the list's order (a patched-in network takes its place by name).
  (live) => ({ all: computed(() => [...live.rows.value.values()].sort(byNetworkOrder)) }),
)
