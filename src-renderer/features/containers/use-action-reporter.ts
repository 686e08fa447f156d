import { useI18n } from 'vue-i18n'
import type { ContainerRow } from '../../../src-shared/contract'
import { useToastsStore } from '../../shared/stores/toasts'
import type { ActionOutcome, ContainerAction } from './containers-store'
import { describeError } from '../../shared/describe-error'

/** Turns the outcomes of an action on one or many containers into one toast a person can read. */
export function useActionReporter() {
  const { t, te, locale } = useI18n()
  const toasts = useToastsStore()
  const explain = (error: unknown) => describeError(error, locale.value, t, (k) => te(k))

  return (action: ContainerAction, rows: ContainerRow[], outcomes: ActionOutcome[]): void => {
    const name = (id: string) => rows.find((r) => r.id === id)?.name ?? id.slice(0, 12)
    const label = t(`actions.${action}`)
    const failed = outcomes.filter((o) => !o.ok)
    if (outcomes.length === 1 && failed[0]) {
      toasts.error(t('toast.actionFailed', { action: label, name: name(failed[0].id), message: explain(failed[0].error) }))
    } else if (failed.length > 0) {
      const details = failed.slice(0, 3).map((f) => `${name(f.id)}: ${explain(f.error)}`)
      toasts.error(`${t('toast.bulkPartial', { action: label, ok: outcomes.length - failed.length, total: outcomes.length, failed: failed.length })} ${details.join(' · ')}`)
    } else if (outcomes.length > 1) {
      toasts.info(t('toast.bulkDone', { action: label, n: outcomes.length }))
    }
  }
}
