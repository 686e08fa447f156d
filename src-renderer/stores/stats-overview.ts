import { onScopeDispose, ref, shallowRef } from 'vue'
import type { BerthErrorShape, StatsOverview } from '../../src-shared/contract'
import { isErrorShape } from '../../src-shared/contract/errors'
import { api } from '../api'

/** The `stats:overview` subscription for the calling component's scope: every running container's figures, once a second. */
export function useStatsOverview() {
  const overview = shallowRef<StatsOverview | null>(null)
  const error = ref<BerthErrorShape | null>(null)
  let generation = 0
  let unsubscribe: (() => void) | null = null

  function close(): void {
    generation++
    unsubscribe?.()
    unsubscribe = null
  }

  async function open(): Promise<void> {
    close()
    const gen = generation
    error.value = null
    try {
      const off = await api().subscribe(
        'stats:overview',
        undefined,
        (o) => {
          if (gen === generation) overview.value = o
        },
        (e) => {
          if (e && gen === generation) error.value = e
        },
      )
      if (gen !== generation) off()
      else unsubscribe = off
    } catch (err) {
      if (gen === generation) error.value = isErrorShape(err) ? err : { code: 'INTERNAL', message: String(err) }
    }
  }

  onScopeDispose(close)
  return { overview, error, open, close }
}
