import { useVirtualizer } from '@tanstack/vue-virtual'
import { computed, nextTick, onBeforeUnmount, onMounted, ref, watch, type ComponentPublicInstance, type Ref } from 'vue'
import type { LineBuffer } from './line-buffer'

/** Height of an unwrapped log row, in px. */
export const LOG_ROW_PX = 20
const OVERSCAN = 6

export interface LogViewportInput<T> {
  scroller: Ref<HTMLElement | null>
  buffer: () => LineBuffer<T>
  /** Changes whenever the buffer did. */
  version: () => number
  wrap: () => boolean
  /** Rows shown: a filtered list of ids, or null for every line of the buffer. */
  rows: () => number[] | null
  count: () => number
  idAt: (index: number) => number
  indexOfId: (id: number) => number
  /** Scrolled near the top with every line shown: older lines may be asked for. */
  nearTop: () => void
}

/**
 * The scrolling side of a log view: which rows are in the window (arithmetic for fixed rows,
 * measured by the virtualizer when wrapping), follow mode (stays at the bottom; a person's
 * scroll up pauses it and counts new lines), keeping the same lines in view when the buffer
 * trims or prepends, and revealing a line (search).
 */
export function useLogViewport<T>(input: LogViewportInput<T>) {
  const { scroller } = input
  const scrollTop = ref(0)
  const viewHeight = ref(0)
  const following = ref(true)
  const pausedAt = ref(0)
  let lastFirstId = input.buffer().firstId
  let lastScrollTop = 0

  // Wrapped rows have their own heights, which the virtualizer measures (it walks every row
  // when the count changes, so it is off otherwise).
  const virtualizer = useVirtualizer(
    computed(() => ({
      count: input.wrap() ? input.count() : 0,
      enabled: input.wrap(),
      getScrollElement: () => scroller.value,
      estimateSize: () => LOG_ROW_PX,
      overscan: OVERSCAN,
      getItemKey: (i: number) => input.idAt(i),
    })),
  )
  const totalSize = computed(() => (input.wrap() ? virtualizer.value.getTotalSize() : input.count() * LOG_ROW_PX))
  const newLines = computed(() => (input.version(), following.value ? 0 : Math.max(0, input.buffer().nextId - pausedAt.value)))

  /** The rows in the window: O(rows on screen) however many lines the buffer holds. */
  function visibleItems(): { index: number; start: number }[] {
    if (input.wrap()) return virtualizer.value.getVirtualItems()
    const count = input.count()
    // While following, the window is the bottom by definition: new lines render there in one
    // pass, instead of once at the old scroll position and again after the scroll event.
    const top = following.value ? Math.max(0, count * LOG_ROW_PX - viewHeight.value) : scrollTop.value
    const first = Math.max(0, Math.floor(top / LOG_ROW_PX) - OVERSCAN)
    const last = Math.min(count, Math.ceil((top + viewHeight.value) / LOG_ROW_PX) + OVERSCAN)
    const out: { index: number; start: number }[] = []
    for (let i = first; i < last; i++) out.push({ index: i, start: i * LOG_ROW_PX })
    return out
  }

  function scrollToRow(index: number): void {
    if (input.wrap()) virtualizer.value.scrollToIndex(index, { align: 'center' })
    else if (scroller.value) scroller.value.scrollTop = Math.max(0, index * LOG_ROW_PX - (scroller.value.clientHeight - LOG_ROW_PX) / 2)
  }

  /** A rendered row, for the virtualizer to measure while wrapping. */
  function measure(row: unknown): void {
    const el = (row as ComponentPublicInstance | null)?.$el as unknown
    if (input.wrap() && el instanceof HTMLElement) virtualizer.value.measureElement(el)
  }

  function toBottom(): void {
    const el = scroller.value
    if (!el) return
    // Fixed rows: the bottom is known without asking the layout (reading scrollHeight after
    // each render would force one layout per batch).
    if (input.wrap()) {
      el.scrollTop = el.scrollHeight
      return
    }
    const target = Math.max(0, totalSize.value - viewHeight.value)
    if (Math.abs(lastScrollTop - target) >= 1) {
      el.scrollTop = target
      // Known without reading it back (that would force a layout); the scroll event confirms it.
      lastScrollTop = target
      scrollTop.value = target
    }
  }
  function followIfNeeded(): void {
    if (following.value) toBottom()
  }
  // Setting scrollTop right after a patch would force a layout in that task; in the next frame
  // it costs the layout that frame does anyway. The rows drawn while following are the bottom's.
  let bottomFrame: number | null = null
  function bottomOnNextFrame(): void {
    bottomFrame ??= requestAnimationFrame(() => {
      bottomFrame = null
      followIfNeeded()
    })
  }

  function resume(): void {
    following.value = true
    void nextTick(toBottom)
  }

  /** Shows a line (a search match) and pauses following there. */
  function reveal(id: number): void {
    const i = input.indexOfId(id)
    if (i < 0) return
    following.value = false
    pausedAt.value = input.buffer().nextId
    scrollToRow(i)
  }

  function onScroll(): void {
    const el = scroller.value
    if (!el) return
    // Scrolling up pauses following; reaching the bottom resumes it. Berth itself only ever
    // scrolls down while following, so the direction tells a person's scroll from its own.
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 4
    if (atBottom) following.value = true
    else if (el.scrollTop < lastScrollTop && following.value) {
      following.value = false
      pausedAt.value = input.buffer().nextId
    }
    lastScrollTop = el.scrollTop
    scrollTop.value = el.scrollTop
    viewHeight.value = el.clientHeight
    if (el.scrollTop < LOG_ROW_PX * 3) input.nearTop()
  }

  function onKey(e: KeyboardEvent): void {
    if (e.key === 'End') {
      e.preventDefault()
      resume()
    }
  }

  watch(
    input.version,
    () => {
      const first = input.buffer().firstId
      const shift = first - lastFirstId
      lastFirstId = first
      void nextTick(() => {
        if (following.value) bottomOnNextFrame()
        else if (shift !== 0 && input.rows() === null && scroller.value) {
          // Lines left the top (trimmed) or older ones came in: keep the same lines in view.
          scroller.value.scrollTop -= shift * LOG_ROW_PX
        }
      })
    },
    { flush: 'post' },
  )
  watch(totalSize, () => void nextTick(bottomOnNextFrame))
  watch(input.rows, () => {
    if (following.value) void nextTick(bottomOnNextFrame)
  })
  watch(input.wrap, () => {
    virtualizer.value.measure()
    void nextTick(followIfNeeded)
  })

  let resizeObserver: ResizeObserver | null = null
  onMounted(() => {
    const el = scroller.value
    if (el) {
      viewHeight.value = el.clientHeight
      resizeObserver = new ResizeObserver(() => {
        viewHeight.value = el.clientHeight
        followIfNeeded()
      })
      resizeObserver.observe(el)
    }
    void nextTick(toBottom)
  })
  onBeforeUnmount(() => {
    resizeObserver?.disconnect()
    if (bottomFrame !== null) cancelAnimationFrame(bottomFrame)
  })

  return { following, newLines, totalSize, visibleItems, measure, reveal, resume, onScroll, onKey }
}
