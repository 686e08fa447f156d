import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { BerthErrorShape, EngineEvent, EventBatch, NetworkRow } from '../../../src-shared/contract'
import { toErrorShape } from '../../../src-shared/contract/errors'
import { api } from '../../api'
import { useEngineStore } from '../../shared/stores/engine'

// Container events that change what a network row shows (its containers and their state).
const CONTAINER_ACTIONS = new Set(['create', 'start', 'die', 'destroy', 'rename', 'pause', 'unpause'])

/** Whether an event batch may have changed the networks list. */
export function affectsNetworks(events: readonly EngineEvent[]): boolean {
  return events.some((e) => e.type === 'network' || (e.type === 'container' && CONTAINER_ACTIONS.has(e.action)))
}

/**
 * The Networks screen's rows. Held while a view uses it: listed on open and on every
 * (re)connection, then read again when the shared `events` stream reports a network event
 * (create, destroy, connect, disconnect) or a container change; never polled.
 */
export const useNetworksStore = defineStore('networks', () => {
  const engine = useEngineStore()
  const rows = shallowRef<NetworkRow[]>([])
  const loaded = ref(false)
  const error = ref<BerthErrorShape | null>(null)
  let users = 0
  let release: (() => void) | null = null
  let loading = false
  let again = false

  async function load(): Promise<void> {
    // One read at a time; events during a read cause exactly one more.
    if (loading) {
      again = true
      return
    }
    loading = true
    try {
      rows.value = await api().invoke('networks:list', undefined)
      loaded.value = true
      error.value = null
    } catch (err) {
      error.value = toErrorShape(err)
    } finally {
      loading = false
      if (again) {
        again = false
        void load()
      }
    }
  }

  const onBatch = (batch: EventBatch) => {
    if (affectsNetworks(batch.events)) void load()
  }

  async function open(): Promise<void> {
    if (users++ > 0) return
    const offStatus = engine.onStatus((next, prev) => {
      if (next.state === 'disconnected') {
        rows.value = []
        loaded.value = false
      } else if (next.state === 'connected' && prev?.state !== 'connected') void load()
    })
    let unsubscribe: (() => void) | null = null
    let closed = false
    release = () => {
      closed = true
      offStatus()
      unsubscribe?.()
    }
    try {
      const off = await api().subscribe('events:stream', undefined, onBatch)
      if (closed) off()
      else unsubscribe = off
    } catch (err) {
      error.value = toErrorShape(err)
    }
    if (!closed) await load()
  }

  function close(): void {
    if (--users > 0) return
    users = 0
    release?.()
    release = null
  }

  return { rows, loaded, error, open, close, load }
})
