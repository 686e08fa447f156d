import { onBeforeUnmount, onMounted } from 'vue'

interface ListKeysOptions {
  /** Empties the search. */
  clear: () => void
  /** The table the search hands over to (Escape, and the `leave` keys). */
  table: () => { focus: () => void } | null | undefined
  /** The keys in the search box that go down to the table. */
  leave: readonly string[]
  /** Set: '/' typed outside a field or dialog goes to the search box (`select`: its text selected too). */
  slash?: { focus: (select: boolean) => void; select: boolean }
}

/**
 * A list screen's keys: in the search box Escape clears it and goes back to the table, and the
 * `leave` keys go down to the table; with `slash`, '/' anywhere else goes to the search box.
 * Returns the search box's key handler.
 */
export function useListKeys(o: ListKeysOptions): (e: KeyboardEvent) => void {
  function onSlash(e: KeyboardEvent): void {
    const typing = (e.target as HTMLElement | null)?.closest('input, textarea, select, [contenteditable="true"], dialog')
    if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey) {
      e.preventDefault()
      o.slash?.focus(o.slash.select)
    }
  }
  if (o.slash) {
    onMounted(() => window.addEventListener('keydown', onSlash))
    onBeforeUnmount(() => window.removeEventListener('keydown', onSlash))
  }

  return (e) => {
    if (e.key === 'Escape') {
      o.clear()
      o.table()?.focus()
    } else if (o.leave.includes(e.key)) {
      e.preventDefault()
      o.table()?.focus()
    }
  }
}
