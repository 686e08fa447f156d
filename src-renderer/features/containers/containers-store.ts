import { computed, ref } from 'vue'
import type { ContainerRow } from '../../../src-shared/contract'
import { api } from '../../api'
import { defineLiveList, type RowOutcome } from '../../shared/live-list'
import { buildListItems, type ListQuery } from './container-list'

export type ContainerAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill' | 'remove'

export type ActionOutcome = RowOutcome<'id'>

/**
 * Containers as the engine has them, the live list of `containers:changes` keyed by id. The
 * whole app shows them (the list, names in logs, stats and networks), so the shell calls
 * `start()` once and the list stays acquired. A row acted on stays pending until its new state arrives.
 */
export const useContainersStore = defineLiveList(
  {
    id: 'containers',
    list: (signal) => api().invokeWith(signal, 'containers:list'),
    changes: 'containers:changes',
    keyOf: (r: ContainerRow) => r.id,
  },
  (live) => {
    const query = ref<ListQuery>({ search: '', state: 'all', sortKey: 'name', sortDir: 'asc' })
    const collapsed = ref(new Set<string>())
    let started: Promise<void> | null = null

    const items = computed(() => buildListItems(live.rows.value.values(), query.value, collapsed.value))
    const total = computed(() => live.rows.value.size)
    const shown = computed(() => items.value.reduce((n, i) => n + (i.kind === 'row' ? 1 : i.collapsed ? i.rows.length : 0), 0))

    /** Acquires the list for the app's lifetime; later calls answer the same first list. */
    function start(): Promise<void> {
      started ??= live.acquire()
      return started
    }

    function byId(id: string): ContainerRow | undefined {
      const exact = live.rows.value.get(id)
      if (exact) return exact
      for (const r of live.rows.value.values()) if (r.name === id || (id.length >= 12 && r.id.startsWith(id))) return r
      return undefined
    }

    async function act(id: string, action: ContainerAction, options: { force?: boolean; volumes?: boolean } = {}): Promise<ActionOutcome> {
      const request = () =>
        action === 'remove' ? api().invoke('containers:remove', { id, force: options.force ?? false, volumes: options.volumes ?? false }) : api().invoke(`containers:${action}`, { id })
      return { id, ...(await live.attempt(id, request)) }
    }

    function actMany(ids: readonly string[], action: ContainerAction, options: { force?: boolean; volumes?: boolean } = {}): Promise<ActionOutcome[]> {
      return Promise.all(ids.map((id) => act(id, action, options)))
    }

    function toggleGroup(project: string): void {
      const next = new Set(collapsed.value)
      if (!next.delete(project)) next.add(project)
      collapsed.value = next
    }

    return { query, collapsed, items, total, shown, start, byId, act, actMany, toggleGroup }
  },
)
