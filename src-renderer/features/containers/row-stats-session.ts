import { onScopeDispose, shallowRef, watch, type Ref } from 'vue'
import type { StatsSnapshot } from '../../../src-shared/contract'
import { STATS_WATCH_MAX } from '../../../src-shared/contract/stats-limits'
import { api } from '../../api'
import { sameIds } from './stats-visible'
import { usePageVisible } from '../../shared/use-page-visible'

export const ROW_STATS_DEBOUNCE_MS = 300

/**
 * Live CPU and memory for the list rows on screen: one `stats:snapshots` subscription for the
 * visible running ids (at most STATS_WATCH_MAX), renewed when the set changes and has been still
 * for a moment (a scroll is one change, not thirty). The new subscription opens before the old
 * one closes, so cells do not blink; main shares the engine streams of ids in both.
 * While the page is hidden nobody sees the figures: the subscription closes (main's engine
 * streams with it) and opens again, at once, when the page is shown.
 */
export function useRowStats(ids: Ref<readonly string[]>, debounceMs = ROW_STATS_DEBOUNCE_MS) {
  const snapshots = shallowRef<ReadonlyMap<string, StatsSnapshot>>(new Map())
  let watched: readonly string[] = []
  let unsubscribe: (() => void) | null = null
  let generation = 0
  let timer: ReturnType<typeof setTimeout> | null = null
  const pageVisible = usePageVisible()

  async function follow(next: readonly string[]): Promise<void> {
    if (sameIds(next, watched)) return
    watched = next
    const gen = ++generation
    const previous = unsubscribe
    unsubscribe = null
    if (next.length === 0) {
      previous?.()
      snapshots.value = new Map()
      return
    }
    try {
      const off = await api().subscribe('stats:snapshots', { ids: next.slice(0, STATS_WATCH_MAX) }, (list) => {
        if (gen === generation) snapshots.value = new Map(list.map((s) => [s.id, s]))
      })
      if (gen !== generation) off()
      else unsubscribe = off
    } catch {
      // Main refused (engine gone, say): the cells stay empty, and the next change of the
      // visible set, or the list coming back with the engine, asks again.
      if (gen === generation) watched = []
    } finally {
      previous?.()
    }
  }

  watch(
    [ids, pageVisible],
    ([next, visible], before) => {
      if (timer !== null) clearTimeout(timer)
      timer = null
      const target = visible ? next : []
      // The first set, and hiding or showing the page, go at once; other changes wait until
      // scrolling pauses.
      const shownOrHidden = before !== undefined && before[1] !== visible
      if (shownOrHidden || (watched.length === 0 && generation === 0)) void follow(target)
      else timer = setTimeout(() => void follow(target), debounceMs)
    },
    { immediate: true },
  )

  onScopeDispose(() => {
    if (timer !== null) clearTimeout(timer)
    generation++
    unsubscribe?.()
    unsubscribe = null
  })

  return { snapshots }
}
