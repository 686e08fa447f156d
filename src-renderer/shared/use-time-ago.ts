import { useI18n } from 'vue-i18n'
import { timeAgo } from './format'

type Translate = (key: string, named: Record<string, unknown>, plural: number) => string

/** "just now", "3 minutes ago", "3분 전": a past moment (ms) as the tables show it. */
export function timeAgoText(t: Translate, ms: number, now: number): string {
  const a = timeAgo(ms, now)
  return a.key === 'justNow' ? t('time.justNow', {}, 1) : t(`time.${a.key}`, { n: a.n }, a.n)
}

/** timeAgoText in the current language. */
export function useTimeAgo(): (ms: number, now: number) => string {
  const { t } = useI18n()
  return (ms, now) => timeAgoText(t, ms, now)
}
