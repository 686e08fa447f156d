import { defineStore } from 'pinia'
import { shallowRef } from 'vue'

/** A dialog any screen can open (pull from the Hub, run from Images…); DialogHost renders it. */
export type AppDialog = { kind: 'pull'; reference: string; platform?: string } | { kind: 'push'; reference: string } | { kind: 'run'; image: string } | { kind: 'build' }

export const useDialogsStore = defineStore('dialogs', () => {
  const current = shallowRef<AppDialog | null>(null)
  function open(dialog: AppDialog): void {
    current.value = dialog
  }
  function close(): void {
    current.value = null
  }
  return { current, open, close }
})
