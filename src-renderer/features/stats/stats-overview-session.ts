import { onScopeDispose, ref, shallowRef, watch } from 'vue'
import type { BerthErrorShape, StatsOverview } from '../../../src-shared/contract'
import { toErrorShape } from '../../../src-shared/contract/errors'
import { api } from '../../api'
import { usePageVisible } from '../../shared/use-page-visible'

/**
 * The `stats:overview` subscription for the calling component's scope: every running container's
 * figures, once a second. While the page is hidden the subscription is closed (nobody sees the
 * figures, and main stops every engine stream it held for them); it opens again when shown.
 */
export function useStatsOverview() {
  const overview = shallowRef<StatsOverview | null>(null)
  const error = ref<BerthErrorShape | null>(null)
  const pageVisible = usePageVisible()
  let wanted = false
  let generation = 0
  let unsubscribe: (() => void) | null = null

  function stop(): void {
    generation++
    unsubscribe?.()
    unsubscribe = null
  }

  async function connect(): Promise<void> {
    stop()
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
      if (gen === generation) error.value = toErrorShape(err)
    }
  }

  /** Subscribes now, or as soon as the page is shown. */
  async function open(): Promise<void> {
    wanted = true
    if (pageVisible.value) await connect()
    else stop()
  }

  function close(): void {
    wanted = false
    stop()
  }

  watch(pageVisible, (visible) => {
    if (!wanted) return
    if (visible) void connect()
    else stop()
  })

  onScopeDispose(close)
  return { overview, error, open, close }
}
