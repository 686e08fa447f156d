import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { describeError } from './describe-error'

/**
 * A dialog's request: `busy` while one runs, `error` the sentence for the last one that failed
 * (cleared when the next starts). `run` answers the request's result, or undefined when it failed.
 */
export function useRequest() {
  const { t, te, locale } = useI18n()
  const busy = ref(false)
  const error = ref<string | null>(null)

  async function run<T>(request: () => Promise<T>): Promise<T | undefined> {
    busy.value = true
    error.value = null
    try {
      return await request()
    } catch (err) {
      error.value = describeError(err, locale.value, t, te)
      return undefined
    } finally {
      busy.value = false
    }
  }

  return { busy, error, run }
}
