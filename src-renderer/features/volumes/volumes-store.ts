import { defineStore } from 'pinia'
import { computed, ref, shallowRef, triggerRef } from 'vue'
import type { BerthErrorShape, ConnectionStatus, ParamsOf, RowPatch, VolumeRow } from '../../../src-shared/contract'
import { toErrorShape } from '../../../src-shared/contract/errors'
import { api } from '../../api'
import { visibleVolumes, type VolumeQuery } from './volume-list'
import { useEngineStore } from '../../shared/stores/engine'

export interface VolumeOutcome {
  name: string
  ok: boolean
  error?: BerthErrorShape
}

/**
 * Volumes as the engine has them, while a volumes screen is open: listed when the first one
 * opens (and after every reconnect), then patched by `volumes:changes`; the feed is dropped
 * when the last screen closes, so nothing runs for volumes while they are not shown.
 */
export const useVolumesStore = defineStore('volumes', () => {
  const engine = useEngineStore()
  const rows = shallowRef(new Map<string, VolumeRow>())
  const loaded = ref(false)
  const loadError = ref<BerthErrorShape | null>(null)
  const pending = ref(new Set<string>())
  const query = ref<VolumeQuery>({ search: '', filter: 'all', sortKey: 'name', sortDir: 'asc' })
  let buffered: RowPatch<VolumeRow>[][] | null = null
  let generation = 0
  let holders = 0
  let unsubscribe: (() => void) | null = null
  let offStatus: (() => void) | null = null

  const visible = computed(() => visibleVolumes(rows.value.values(), query.value))

  function apply(target: Map<string, VolumeRow>, patches: RowPatch<VolumeRow>[]): void {
    for (const p of patches) {
      if (p.row) target.set(p.key, p.row)
      else target.delete(p.key)
    }
  }

  function onPatches(patches: RowPatch<VolumeRow>[]): void {
    if (buffered) buffered.push(patches)
    else if (loaded.value) {
      apply(rows.value, patches)
      triggerRef(rows)
    }
  }

  async function relist(): Promise<void> {
    const mine = ++generation
    buffered = []
    try {
      const list = await api().invoke('volumes:list')
      if (mine !== generation) return
      const next = new Map(list.map((r) => [r.name, r]))
      for (const b of buffered) apply(next, b)
      rows.value = next
      loaded.value = true
      loadError.value = null
    } catch (err) {
      if (mine === generation) loadError.value = toErrorShape(err)
    } finally {
      if (mine === generation) buffered = null
    }
  }

  function follow(next: ConnectionStatus, previous: ConnectionStatus | null): void {
    if (next.state === 'disconnected') {
      generation++
      rows.value = new Map()
      loaded.value = false
    } else if (next.state === 'connected' && (previous?.state !== 'connected' || previous.endpoint?.id !== next.endpoint?.id)) void relist()
  }

  /** A volumes screen opened: the first one subscribes (before listing, so no change falls between) and lists. */
  async function acquire(): Promise<void> {
    if (holders++ > 0) return
    offStatus = engine.onStatus(follow)
    buffered = []
    try {
      const off = await api().subscribe('volumes:changes', undefined, onPatches)
      if (holders === 0) off()
      else unsubscribe = off
    } catch (err) {
      loadError.value = toErrorShape(err)
    }
    if (holders > 0) await relist()
  }

  function release(): void {
    if (holders === 0 || --holders > 0) return
    unsubscribe?.()
    unsubscribe = null
    offStatus?.()
    offStatus = null
    generation++
    buffered = null
  }

  async function create(params: ParamsOf<'volumes:create'>): Promise<VolumeRow> {
    const row = await api().invoke('volumes:create', params)
    rows.value.set(row.name, row)
    triggerRef(rows)
    return row
  }

  async function remove(names: readonly string[]): Promise<VolumeOutcome[]> {
    pending.value = new Set([...pending.value, ...names])
    const outcomes = await Promise.all(
      names.map(async (name): Promise<VolumeOutcome> => {
        try {
          await api().invoke('volumes:remove', { name })
          return { name, ok: true }
        } catch (err) {
          return { name, ok: false, error: toErrorShape(err) }
        }
      }),
    )
    const next = new Set(pending.value)
    for (const n of names) next.delete(n)
    pending.value = next
    // Gone at once; the change feed's patch agrees a moment later.
    for (const o of outcomes) if (o.ok) rows.value.delete(o.name)
    triggerRef(rows)
    return outcomes
  }

  return { rows, loaded, loadError, pending, query, visible, acquire, release, relist, create, remove }
})
