import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { BerthErrorShape, ConnectionStatus, EndpointList } from '../../../src-shared/contract'
import { api } from '../../api'

/** The engine connection as main reports it, plus whether main itself still answers. */
export const useEngineStore = defineStore('engine', () => {
  const status = ref<ConnectionStatus | null>(null)
  const endpoints = ref<EndpointList>({ endpoints: [], activeId: null })
  const backendLost = ref(false)
  /** Why main is out of reach, as main or the carrier said it (e.g. too many Berth pages open). */
  const lostReason = ref<BerthErrorShape | null>(null)
  const retrying = ref(false)
  const now = ref(Date.now())
  let ticker: ReturnType<typeof setInterval> | null = null
  // Every status message, in order: a watcher would see only the last of several in one tick
  // and miss a disconnect/reconnect pair.
  const statusListeners = new Set<(next: ConnectionStatus, previous: ConnectionStatus | null) => void>()
  let started = false

  const state = computed(() => status.value?.state ?? 'connecting')
  const connected = computed(() => state.value === 'connected')
  const secondsToRetry = computed(() => {
    const at = status.value?.nextRetryAt
    return at ? Math.max(0, Math.ceil((at - now.value) / 1000)) : null
  })

  // A countdown ticks only while one is on screen; an idle app runs no timers.
  watch(
    () => status.value?.state === 'disconnected' && status.value.nextRetryAt !== null,
    (counting) => {
      if (counting && !ticker) ticker = setInterval(() => (now.value = Date.now()), 250)
      if (!counting && ticker) {
        clearInterval(ticker)
        ticker = null
      }
    },
  )

  async function start(): Promise<void> {
    if (started) return
    started = true
    api().onLost((why) => {
      lostReason.value = why
      backendLost.value = true
    })
    await api().subscribe('engine:state', undefined, (s) => {
      const previous = status.value
      now.value = Date.now()
      status.value = s
      for (const l of statusListeners) l(s, previous)
    })
    await refreshEndpoints()
  }

  function onStatus(listener: (next: ConnectionStatus, previous: ConnectionStatus | null) => void): () => void {
    statusListeners.add(listener)
    return () => statusListeners.delete(listener)
  }

  async function refreshEndpoints(): Promise<void> {
    endpoints.value = await api().invoke('engine:endpoints')
  }

  async function retryNow(): Promise<void> {
    retrying.value = true
    try {
      await api().invoke('engine:retry')
    } finally {
      retrying.value = false
    }
  }

  async function select(id: string): Promise<void> {
    await api().invoke('engine:select', { id })
    await refreshEndpoints()
  }

  async function add(url: string, name?: string, tlsDir?: string): Promise<void> {
    await api().invoke('engine:add', { url, ...(name ? { name } : {}), ...(tlsDir ? { tlsDir } : {}) })
    await refreshEndpoints()
  }

  async function forget(id: string): Promise<void> {
    await api().invoke('engine:forget', { id })
    await refreshEndpoints()
  }

  return { status, endpoints, backendLost, lostReason, retrying, state, connected, secondsToRetry, start, onStatus, refreshEndpoints, retryNow, select, add, forget }
})
