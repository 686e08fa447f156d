import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { DEFAULT_PREFERENCES, type Preferences } from '../../../src-shared/contract/preference-choices'
import { api } from '../../api'
import { systemLocale, type Locale } from '../i18n/locales'

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)')

/** Language, theme and view settings: kept by main; app/apply-preferences.ts applies them to the page. */
export const usePreferencesStore = defineStore('preferences', () => {
  const prefs = ref<Preferences>({ ...DEFAULT_PREFERENCES })
  const systemDark = ref(darkQuery().matches)
  darkQuery().addEventListener('change', (e) => (systemDark.value = e.matches))

  const locale = computed<Locale>(() => (prefs.value.locale === 'system' ? systemLocale() : prefs.value.locale))
  const theme = computed<'light' | 'dark'>(() => (prefs.value.theme === 'system' ? (systemDark.value ? 'dark' : 'light') : prefs.value.theme))

  async function load(): Promise<void> {
    try {
      prefs.value = await api().invoke('preferences:get')
    } catch {
      // Main not reachable yet: the defaults stand; the banner explains the rest.
    }
  }

  async function set(change: Partial<Preferences>): Promise<void> {
    const before = prefs.value
    prefs.value = { ...before, ...change }
    try {
      prefs.value = await api().invoke('preferences:set', change)
    } catch (err) {
      prefs.value = before
      throw err
    }
  }

  return { prefs, locale, theme, load, set }
})
