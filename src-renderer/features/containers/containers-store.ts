import { defineStore } from 'pinia'
import { computed, ref, shallowRef, triggerRef } from 'vue'
import type { BerthErrorShape, ConnectionStatus, ContainerRow, EventBatch } from '../../../src-shared/contract'
import { toErrorShape } from '../../../src-shared/contract/errors'
import { api } from '../../api'
import { buildListItems, type ListQuery } from './container-list'
import { applyPatches } from './patches'
import { useEngineStore } from '../../shared/stores/engine'

export type ContainerAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill' | 'remove'

export interface ActionOutcome {
  id: string
  ok: boolean
  error?: BerthErrorShape
}

/**
 * Containers as the engine has them: listed once per connection, then patched by events.
 * While a list is in flight, event batches wait and are applied on top of it.
 */
export const useContainersStore = defineStore('containers', () => {
  const engine = useEngineStore()
  // A Map in a shallowRef: patches mutate in place and trigger once per batch.
  const rows = shallowRef(new Map<string, ContainerRow>())
  const loaded = ref(false)
  const loadError = ref<BerthErrorShape | null>(null)
  const pending = ref(new Set<string>())
  const query = ref<ListQuery>({ search: '', state: 'all', sortKey: 'name', sortDir: 'asc' })
  const collapsed = ref(new Set<string>())
  let buffered: EventBatch[] | null = null
  let listGeneration = 0
  let started = false

  const items = computed(() => buildListItems(rows.value.values(), query.value, collapsed.value))
  const total = computed(() => rows.value.size)
  const shown = computed(() => items.value.reduce((n, i) => n + (i.kind === 'row' ? 1 : i.collapsed ? i.rows.length : 0), 0))

  function onBatch(batch: EventBatch): void {
    if (buffered) {
      buffered.push(batch)
      return
    }
    if (loaded.value && applyPatches(rows.value, batch.containers)) triggerRef(rows)
  }

  async function relist(): Promise<void> {
    const generation = ++listGeneration
    buffered = []
    try {
      const list = await api().invoke('containers:list')
      if (generation !== listGeneration) return
      const next = new Map(list.map((r) => [r.id, r]))
      for (const b of buffered) applyPatches(next, b.containers)
      rows.value = next
      loaded.value = true
      loadError.value = null
    } catch (err) {
      if (generation !== listGeneration) return
      loadError.value = toErrorShape(err)
    } finally {
      if (generation === listGeneration) buffered = null
    }
  }

  function clear(): void {
    listGeneration++
    buffered = null
    rows.value = new Map()
    loaded.value = false
  }

  // Every (re)connection re-lists; a lost engine leaves nothing stale on screen.
  function follow(next: ConnectionStatus, previous: ConnectionStatus | null): void {
    if (next.state === 'disconnected') {
      clear()
      return
    }
    if (next.state !== 'connected') return
    // The first word on the connection: the list sent at start-up may already be on its way.
    const needed = previous === null ? !loaded.value && buffered === null : previous.state !== 'connected' || previous.endpoint?.id !== next.endpoint?.id || !loaded.value
    if (needed) void relist()
  }

  async function start(): Promise<void> {
    if (started) return
    started = true
    engine.onStatus(follow)
    // Subscribe first: main's event stream then covers everything after the list is read, so a
    // container that changes while the list is in flight cannot stay stale. List without
    // waiting for the first status: the engine is usually up.
    buffered = []
    await api().subscribe('events:stream', undefined, onBatch)
    if (engine.status === null || engine.status.state === 'connected') await relist()
    else buffered = null
  }

  function byId(id: string): ContainerRow | undefined {
    const exact = rows.value.get(id)
    if (exact) return exact
    for (const r of rows.value.values()) if (r.name === id || (id.length >= 12 && r.id.startsWith(id))) return r
    return undefined
  }

  async function act(id: string, action: ContainerAction, options: { force?: boolean; volumes?: boolean } = {}): Promise<ActionOutcome> {
    pending.value = new Set(pending.value).add(id)
    try {
      if (action === 'remove') await api().invoke('containers:remove', { id, force: options.force ?? false, volumes: options.volumes ?? false })
      else await api().invoke(`containers:${action}`, { id })
      return { id, ok: true }
    } catch (err) {
      return { id, ok: false, error: toErrorShape(err) }
    } finally {
      const next = new Set(pending.value)
      next.delete(id)
      pending.value = next
    }
  }

  function actMany(ids: readonly string[], action: ContainerAction, options: { force?: boolean; volumes?: boolean } = {}): Promise<ActionOutcome[]> {
    return Promise.all(ids.map((id) => act(id, action, options)))
  }

  function toggleGroup(project: string): void {
    const next = new Set(collapsed.value)
    if (!next.delete(project)) next.add(project)
    collapsed.value = next
  }

  return { rows, loaded, loadError, pending, query, collapsed, items, total, shown, start, relist, byId, act, actMany, toggleGroup }
})
