import { computed, reactive, shallowRef } from 'vue'

/**
 * An action that waits for the person's yes in a ConfirmDialog. `ask(subject)` opens the dialog
 * about that subject (the rows to remove, say); `confirm` closes it and runs the action on the
 * subject; `cancel` closes it. In a template:
 *
 *   <ConfirmDialog :open="removal.open" … @cancel="removal.cancel" @confirm="removal.confirm">
 *     …{{ removal.subject }}…
 */
export function useConfirmation<T>(run: (subject: T) => unknown) {
  const subject = shallowRef<T | null>(null)
  return reactive({
    subject,
    open: computed(() => subject.value !== null),
    ask: (about: T) => void (subject.value = about),
    cancel: () => void (subject.value = null),
    confirm: () => {
      const about = subject.value
      subject.value = null
      if (about !== null) void run(about)
    },
  })
}
