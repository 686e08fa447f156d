import { useVirtualizer } from '@tanstack/vue-virtual'
import { computed, ref, watch } from 'vue'
import { cursorTarget } from './table-keys'

export const ROW_HEIGHT = 36

/** What useVirtualTable gives a table; DataTable binds its scroller and cursor. */
export type VirtualTable = ReturnType<typeof useVirtualTable>

/**
 * A virtualized table's scroller, its keyboard cursor and the navigation keys that move it
 * (arrows, pages, Home, End), scrolling the cursor into view. `keys` are the table's own keys,
 * each acting on the item under the cursor (undefined when the table is empty).
 */
export function useVirtualTable<T extends { key: string }>(options: { items: () => readonly T[]; overscan: number; keys: Record<string, (item: T | undefined) => unknown> }) {
  const scroller = ref<HTMLElement | null>(null)
  const cursor = ref(0)

  const virtualizer = useVirtualizer(
    computed(() => ({
      count: options.items().length,
      getScrollElement: () => scroller.value,
      estimateSize: () => ROW_HEIGHT,
      overscan: options.overscan,
      getItemKey: (i: number) => options.items()[i]?.key ?? i,
    })),
  )
  const totalHeight = computed(() => virtualizer.value.getTotalSize())
  const count = computed(() => options.items().length)

  watch(count, (n) => (cursor.value = Math.min(cursor.value, Math.max(0, n - 1))))

  /** Moves the cursor for a navigation key; false when the key is not one. */
  function navigate(key: string): boolean {
    const page = Math.max(1, Math.floor((scroller.value?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1)
    const to = cursorTarget(key, cursor.value, count.value, page)
    if (to === null) return false
    if (count.value > 0) {
      cursor.value = to
      virtualizer.value.scrollToIndex(to, { align: 'auto' })
    }
    return true
  }

  /** The scroller's keys: navigation, then the table's own. */
  function onKey(e: KeyboardEvent): void {
    if (navigate(e.key)) return e.preventDefault()
    const act = Object.hasOwn(options.keys, e.key) ? options.keys[e.key] : undefined
    if (!act) return
    e.preventDefault()
    act(options.items()[cursor.value])
  }

  /** Takes the scroller element, as a function ref (DataTable's `:ref`). */
  const bindScroller = (el: unknown) => (scroller.value = el instanceof HTMLElement ? el : null)
  /** Puts the cursor on a row (a click on it). */
  const pointAt = (index: number) => (cursor.value = index)

  return { scroller, cursor, count, virtualizer, totalHeight, onKey, bindScroller, pointAt }
}
