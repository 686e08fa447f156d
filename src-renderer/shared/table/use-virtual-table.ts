import { useVirtualizer } from '@tanstack/vue-virtual'
import { computed, ref, watch } from 'vue'
import { cursorTarget } from './table-keys'

export const ROW_HEIGHT = 36

/**
 * A virtualized table's scroller, its keyboard cursor and the navigation keys that move it
 * (arrows, pages, Home, End), scrolling the cursor into view. The table handles its other keys.
 */
export function useVirtualTable(options: { count: () => number; key: (index: number) => string | number; overscan: number }) {
  const scroller = ref<HTMLElement | null>(null)
  const cursor = ref(0)

  const virtualizer = useVirtualizer(
    computed(() => ({
      count: options.count(),
      getScrollElement: () => scroller.value,
      estimateSize: () => ROW_HEIGHT,
      overscan: options.overscan,
      getItemKey: options.key,
    })),
  )
  const totalHeight = computed(() => virtualizer.value.getTotalSize())

  watch(options.count, (n) => (cursor.value = Math.min(cursor.value, Math.max(0, n - 1))))

  /** Moves the cursor for a navigation key; false when the key is not one. */
  function navigate(key: string): boolean {
    const page = Math.max(1, Math.floor((scroller.value?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1)
    const count = options.count()
    const to = cursorTarget(key, cursor.value, count, page)
    if (to === null) return false
    if (count > 0) {
      cursor.value = to
      virtualizer.value.scrollToIndex(to, { align: 'auto' })
    }
    return true
  }

  return { scroller, cursor, virtualizer, totalHeight, navigate }
}
