import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { LineBuffer } from './line-buffer'
import type { LogEntry } from './log-entry'
import { compileSearch, LogSearch, type Hit, type SearchQuery } from './log-search'

/**
 * Search state for a log view: the chunked LogSearch over the buffer, the current match, the
 * "3 of 120" label, and stepping with Enter / Shift+Enter. `reveal` scrolls a line into view.
 */
export function useLogFind(buffer: () => LineBuffer<LogEntry>, query: Ref<SearchQuery>, reveal: (id: number) => void) {
  const { t } = useI18n()
  // Bumped (at most once per frame) whenever results change.
  const searchVersion = ref(0)
  let frame: number | null = null
  const search = shallowRef(create(buffer()))

  function create(b: LineBuffer<LogEntry>): LogSearch<LogEntry> {
    return new LogSearch<LogEntry>(
      b,
      (e) => e.plain,
      () => {
        if (frame !== null) return
        frame = requestAnimationFrame(() => {
          frame = null
          searchVersion.value++
        })
      },
    )
  }

  const compiled = computed(() => compileSearch(query.value))
  const searchError = computed(() => (compiled.value.ok ? null : t('logs.invalidRegex', { reason: compiled.value.error })))
  const current = ref<Hit | null>(null)
  // Whether the current match was shown by Enter yet: the first Enter shows it, the next moves on.
  let revealed = false

  watch(buffer, (b) => {
    search.value.dispose()
    search.value = create(b)
    search.value.setPattern(compiled.value.ok ? compiled.value.re : null)
  })
  watch(
    compiled,
    (c) => {
      current.value = null
      revealed = false
      search.value.setPattern(c.ok ? c.re : null)
    },
    { immediate: true },
  )

  const total = computed(() => (searchVersion.value, search.value.total))
  const ordinal = computed(() => (searchVersion.value, current.value ? search.value.ordinal(current.value) : -1))
  watch(total, (n) => {
    // The first match becomes current when results come in; Enter shows it.
    if (n > 0 && current.value === null) current.value = search.value.hit(0)
    else if (n === 0) current.value = null
  })
  const matchLabel = computed(() => {
    void searchVersion.value
    if (!compiled.value.ok || !search.value.active) return ''
    if (total.value === 0) return search.value.running ? t('logs.searching') : t('logs.noMatches')
    return t('logs.count', { current: Math.max(0, ordinal.value) + 1, total: total.value })
  })

  function step(delta: 1 | -1): void {
    const n = total.value
    if (n === 0) return
    let next = ordinal.value
    if (next < 0) next = delta > 0 ? 0 : n - 1
    else if (revealed) next = (next + delta + n) % n
    revealed = true
    current.value = search.value.hit(next)
    if (current.value) reveal(current.value.id)
  }

  function dispose(): void {
    search.value.dispose()
    if (frame !== null) cancelAnimationFrame(frame)
    frame = null
  }

  return { search, searchVersion, searchError, current, matchLabel, step, dispose }
}
