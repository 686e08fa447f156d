import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { BerthErrorShape, ConnectionStatus, EventBatch, ImageRow } from '../../../src-shared/contract'
import { toErrorShape } from '../../../src-shared/contract/errors'
import { api } from '../../api'
import { buildImageList, removeTarget, touchesImages, type ImageQuery } from './image-list'
import { useEngineStore } from '../../shared/stores/engine'

export interface ImageOutcome {
  key: string
  ok: boolean
  error?: BerthErrorShape
}

/**
 * Images as the engine has them: listed on (re)connection and again whenever an engine event
 * may change the list (image pull/tag/untag/delete, a container created or removed for the
 * "in use" counts). Never polled. Re-lists coalesce: one in flight, at most one queued.
 */
export const useImagesStore = defineStore('images', () => {
  const engine = useEngineStore()
  const rows = shallowRef<ImageRow[]>([])
  const loaded = ref(false)
  const loadError = ref<BerthErrorShape | null>(null)
  const pending = ref(new Set<string>())
  const query = ref<ImageQuery>({ search: '', filter: 'all', sortKey: 'repository', sortDir: 'asc' })
  let inFlight: Promise<void> | null = null
  let again = false
  let started = false
  let generation = 0

  const items = computed(() => buildImageList(rows.value, query.value))
  const total = computed(() => rows.value.length)

  async function listOnce(): Promise<void> {
    const gen = generation
    try {
      const list = await api().invoke('images:list')
      if (gen !== generation) return
      rows.value = list
      loaded.value = true
      loadError.value = null
    } catch (err) {
      if (gen === generation) loadError.value = toErrorShape(err)
    }
  }

  /** Lists now, or once more after the list in flight (whose answer may predate the change). */
  function relist(): Promise<void> {
    if (inFlight) {
      again = true
      return inFlight
    }
    inFlight = (async () => {
      do {
        again = false
        await listOnce()
      } while (again)
    })().finally(() => (inFlight = null))
    return inFlight
  }

  function onBatch(batch: EventBatch): void {
    if (touchesImages(batch.events)) void relist()
  }

  function follow(next: ConnectionStatus, previous: ConnectionStatus | null): void {
    if (next.state === 'disconnected') {
      generation++
      rows.value = []
      loaded.value = false
      return
    }
    if (next.state === 'connected' && (previous === null || previous.state !== 'connected' || previous.endpoint?.id !== next.endpoint?.id)) void relist()
  }

  async function start(): Promise<void> {
    if (started) return
    started = true
    engine.onStatus(follow)
    // Subscribe first, then list: a change while the list is in flight triggers another list.
    await api().subscribe('events:stream', undefined, onBatch)
    if (engine.status === null || engine.status.state === 'connected') await relist()
  }

  async function removeMany(targets: readonly ImageRow[], force: boolean): Promise<ImageOutcome[]> {
    const out: ImageOutcome[] = []
    for (const row of targets) {
      pending.value = new Set(pending.value).add(row.key)
      try {
        await api().invoke('images:remove', { id: removeTarget(row), force })
        out.push({ key: row.key, ok: true })
      } catch (err) {
        out.push({ key: row.key, ok: false, error: toErrorShape(err) })
      } finally {
        const next = new Set(pending.value)
        next.delete(row.key)
        pending.value = next
      }
    }
    void relist()
    return out
  }

  async function tag(id: string, target: string): Promise<string> {
    const { reference } = await api().invoke('images:tag', { id, target })
    void relist()
    return reference
  }

  return { rows, items, total, loaded, loadError, pending, query, start, relist, removeMany, tag }
})
