import { createI18n } from 'vue-i18n'
import type { Locale } from '../../shared/i18n/locales'
import { en, type MessageShape } from './en'

// Korean is declared but arrives with loadLocale; until then English stands in.
const messages: Record<Locale, MessageShape> = { en, ko: en }

export const i18n = createI18n({
  legacy: false,
  locale: 'en',
  fallbackLocale: 'en',
  messages,
  missingWarn: false,
  fallbackWarn: false,
})

const loaded = new Set<Locale>(['en'])

/**
 * Makes a language's messages available. Korean is fetched the first time it is needed, so the
 * start-up chunk (parsed before the first list can be asked for) carries English only.
 */
export async function loadLocale(locale: Locale): Promise<void> {
  if (loaded.has(locale)) return
  const { ko } = await import('./ko')
  i18n.global.setLocaleMessage('ko', ko)
  loaded.add(locale)
}
