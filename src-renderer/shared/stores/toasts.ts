import { defineStore } from 'pinia'
import { ref } from 'vue'

export interface Toast {
  id: number
  kind: 'info' | 'error'
  text: string
}

const LIFETIME_MS = { info: 5000, error: 12000 }

/** Short notices (bulk results, failed actions). Each has its own timer, gone with it. */
export const useToastsStore = defineStore('toasts', () => {
  const toasts = ref<Toast[]>([])
  const timers = new Map<number, ReturnType<typeof setTimeout>>()
  let nextId = 1

  function push(kind: Toast['kind'], text: string): void {
    const id = nextId++
    toasts.value = [...toasts.value.slice(-4), { id, kind, text }]
    timers.set(
      id,
      setTimeout(() => dismiss(id), LIFETIME_MS[kind]),
    )
  }

  function dismiss(id: number): void {
    clearTimeout(timers.get(id))
    timers.delete(id)
    toasts.value = toasts.value.filter((t) => t.id !== id)
  }

  return { toasts, info: (text: string) => push('info', text), error: (text: string) => push('error', text), dismiss }
})
