import { ref } from 'vue'

/** The keys of the rows a list screen has selected; every change makes a new set, so watchers see it. */
export function useSelection() {
  const selected = ref<ReadonlySet<string>>(new Set())

  function toggle(key: string): void {
    const next = new Set(selected.value)
    if (!next.delete(key)) next.add(key)
    selected.value = next
  }

  /** Selects, or unselects, all these keys, leaving the others as they are. */
  function setMany(keys: readonly string[], select: boolean): void {
    selected.value = select ? new Set([...selected.value, ...keys]) : new Set([...selected.value].filter((k) => !keys.includes(k)))
  }

  return { selected, toggle, setMany }
}
