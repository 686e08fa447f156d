import { onScopeDispose, ref, shallowRef } from 'vue'
import type { BerthErrorShape, LayerProgress, TransferAggregate, TransferCancelled, TransferMessage } from '../../../src-shared/contract'
import { isErrorShape, toErrorShape } from '../../../src-shared/contract/errors'
import { api } from '../../api'

export type TransferState = 'idle' | 'starting' | 'running' | 'done' | 'failed' | 'cancelled'
type Done = Extract<TransferMessage, { kind: 'done' }>

/**
 * One pull or push for the calling component's scope: main's progress snapshots (about ten a
 * second), then done, or an error, or — after cancel — what was left. Leaving the scope
 * unsubscribes, which cancels a transfer still running.
 */
export function useImageTransfer() {
  const state = ref<TransferState>('idle')
  const layers = shallowRef<LayerProgress[]>([])
  const aggregate = shallowRef<TransferAggregate | null>(null)
  const status = ref<string | null>(null)
  const result = shallowRef<Done | null>(null)
  const error = shallowRef<BerthErrorShape | null>(null)
  const cancelled = shallowRef<TransferCancelled | null>(null)
  let transferId: string | null = null
  let unsubscribe: (() => void) | null = null
  let generation = 0

  function reset(): void {
    generation++
    unsubscribe?.()
    unsubscribe = null
    transferId = null
    layers.value = []
    aggregate.value = null
    status.value = null
    result.value = null
    error.value = null
    cancelled.value = null
  }

  function receive(gen: number, m: TransferMessage): void {
    if (gen !== generation) return
    if (m.kind === 'started') {
      transferId = m.transferId
      state.value = 'running'
    } else if (m.kind === 'progress') {
      layers.value = m.layers
      aggregate.value = m.aggregate
      status.value = m.status
    } else {
      aggregate.value = m.aggregate
      result.value = m
      state.value = 'done'
    }
  }

  function ended(gen: number, err?: BerthErrorShape): void {
    if (gen !== generation) return
    unsubscribe = null
    if (!err) return
    if (err.code === 'CANCELLED') {
      state.value = 'cancelled'
      return
    }
    error.value = err
    state.value = 'failed'
  }

  async function start(topic: 'pull' | 'push', reference: string, platform?: string): Promise<void> {
    reset()
    const gen = generation
    state.value = 'starting'
    try {
      const params = topic === 'pull' ? { reference, ...(platform ? { platform } : {}) } : { reference }
      const off = await api().subscribe(
        topic === 'pull' ? 'images:pull' : 'images:push',
        params,
        (m) => receive(gen, m),
        (err) => ended(gen, err),
      )
      if (gen !== generation) off()
      else if (state.value === 'starting' || state.value === 'running') unsubscribe = off
    } catch (err) {
      if (gen !== generation) return
      error.value = toErrorShape(err)
      state.value = 'failed'
    }
  }

  /** Stops the transfer; main answers what it left behind. */
  async function cancel(): Promise<void> {
    if (state.value !== 'running' || !transferId) {
      reset()
      state.value = 'idle'
      return
    }
    try {
      cancelled.value = await api().invoke('images:cancel', { transferId })
      state.value = 'cancelled'
    } catch (err) {
      // It ended meanwhile (done or failed): that outcome is already on screen.
      if (!isErrorShape(err) || err.details?.reason !== 'image_transfer_unknown') error.value = toErrorShape(err)
    }
  }

  onScopeDispose(() => {
    generation++
    unsubscribe?.()
  })

  return { state, layers, aggregate, status, result, error, cancelled, start, cancel }
}
