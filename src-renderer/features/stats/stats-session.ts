import { onScopeDispose, ref, shallowRef } from 'vue'
import type { BerthErrorShape, StatsLimits, StatsMessage } from '../../../src-shared/contract'
import { toErrorShape } from '../../../src-shared/contract/errors'
import { api } from '../../api'
import { NO_LIMITS, StatsSeries } from './stats-series'

export type StatsSessionState = 'connecting' | 'live' | 'stopped' | 'removed' | 'error'

/**
 * One container's `stats` subscription for the calling component's scope: the history main kept
 * first (so a reopened tab has its past), then a sample a second. Samples go into a StatsSeries
 * (plain arrays, no reactivity); `tick` changes once per sample and is what charts redraw on.
 */
export function useStatsSession(id: string) {
  const series = new StatsSeries()
  const tick = ref(0)
  const state = ref<StatsSessionState>('connecting')
  const error = ref<BerthErrorShape | null>(null)
  const limits = shallowRef<StatsLimits>(NO_LIMITS)
  let generation = 0
  let unsubscribe: (() => void) | null = null

  function receive(gen: number, m: StatsMessage): void {
    if (gen !== generation) return
    if (m.kind === 'history') {
      series.reset(m.samples, m.limits)
      limits.value = m.limits
      if (state.value === 'connecting') state.value = 'live'
    } else if (m.kind === 'sample') {
      if (!series.add(m.sample)) return
      if (state.value === 'stopped' || state.value === 'connecting') state.value = 'live'
    } else {
      state.value = m.state === 'running' ? 'live' : m.state
    }
    tick.value++
  }

  function close(): void {
    generation++
    unsubscribe?.()
    unsubscribe = null
  }

  async function open(): Promise<void> {
    close()
    const gen = generation
    state.value = 'connecting'
    error.value = null
    try {
      const off = await api().subscribe(
        'stats:container',
        { id },
        (m) => receive(gen, m),
        (e) => {
          if (gen !== generation) return
          if (e) {
            error.value = e
            state.value = 'error'
          }
        },
      )
      if (gen !== generation) return off()
      unsubscribe = off
    } catch (err) {
      if (gen !== generation) return
      error.value = toErrorShape(err)
      state.value = 'error'
    }
  }

  onScopeDispose(close)

  return { series, tick, state, error, limits, open, close }
}
