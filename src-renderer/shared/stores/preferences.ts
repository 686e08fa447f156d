import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { DEFAULT_PREFERENCES, type Preferences } from '../../../src-shared/contract/preference-choices'
import { api } from '../../api'
import { i18n, loadLocale, systemLocale, type Locale } from '../../app/i18n'

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)')

/** Language and theme: kept by main, applied here to vue-i18n and the document. */
export const usePreferencesStore = defineStore('preferences', () => {
  const prefs = ref<Preferences>({ ...DEFAULT_PREFERENCES })
  const systemDark = ref(darkQuery().matches)
  darkQuery().addEventListener('change', (e) => (systemDark.value = e.matches))

  const locale = computed<Locale>(() => (prefs.value.locale === 'system' ? systemLocale() : prefs.value.locale))
  const theme = computed<'light' | 'dark'>(() => (prefs.value.theme === 'system' ? (systemDark.value ? 'dark' : 'light') : prefs.value.theme))

  // A language shows once its messages are in (Korean is loaded on first use).
  const apply = async (l: Locale) => {
    await loadLocale(l)
    if (locale.value !== l) return
    i18n.global.locale.value = l
    document.documentElement.lang = l
  }
  watch(locale, (l) => void apply(l), { immediate: true })
  watch(theme, (t) => (document.documentElement.dataset.theme = t), { immediate: true })

  async function load(): Promise<void> {
    try {
      prefs.value = await api().invoke('preferences:get')
    } catch {
      // Main not reachable yet: the defaults stand; the banner explains the rest.
    }
    // The first paint waits for this, so it is in the right language from the start.
    await apply(locale.value)
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
