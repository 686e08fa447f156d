import { watch } from 'vue'
import type { Locale } from '../shared/i18n/locales'
import type { usePreferencesStore } from '../shared/stores/preferences'
import { i18n, loadLocale } from './i18n'

/**
 * Follows the preferences on the page: the language in vue-i18n and <html lang> (once its
 * messages are in: Korean is loaded on first use), the theme in <html data-theme>. Resolves once
 * the current language shows, so the first paint can wait for it.
 */
export function applyPreferences(preferences: ReturnType<typeof usePreferencesStore>): { showLocale(): Promise<void> } {
  const apply = async (l: Locale) => {
    await loadLocale(l)
    if (preferences.locale !== l) return
    i18n.global.locale.value = l
    document.documentElement.lang = l
  }
  watch(
    () => preferences.locale,
    (l) => void apply(l),
    { immediate: true },
  )
  watch(
    () => preferences.theme,
    (t) => (document.documentElement.dataset.theme = t),
    { immediate: true },
  )
  return { showLocale: () => apply(preferences.locale) }
}
