// First, for its effect: the token leaves the address before the router reads it.
import './api/adopt-token'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './app/App.vue'
import { applyPreferences } from './app/apply-preferences'
import { guardFileDrops } from './app/file-drop-guard'
import { i18n, loadLocale } from './app/i18n'
import TokenMissing from './app/TokenMissing.vue'
import { canReachMain } from './api'
import { systemLocale } from './shared/i18n/locales'
import { recoverFailedLazyLoads } from './shared/lazy-load-recovery'
import { router } from './app/router'
import { useContainersStore } from './features/containers'
import { useEngineStore } from './shared/stores/engine'
import { usePreferencesStore } from './shared/stores/preferences'
import { useToastsStore } from './shared/stores/toasts'
import './shared/styles/base.css'

async function boot(): Promise<void> {
  guardFileDrops(window)
  const app = createApp(App).use(createPinia()).use(i18n).use(router)
  recoverFailedLazyLoads(router, (err) => useToastsStore().error(i18n.global.t('app.screenFailed', { message: err instanceof Error ? err.message : String(err) })))
  // Everything start-up needs goes out at once; only the language and theme are awaited
  // before the first paint, so the page never flashes in the wrong ones.
  const prefs = usePreferencesStore()
  const { showLocale } = applyPreferences(prefs)
  const preferences = prefs.load().then(showLocale)
  const streams = Promise.all([useEngineStore().start(), useContainersStore().start()])
  await preferences
  app.mount('#app')
  try {
    await streams
  } catch {
    // Main did not answer: the engine store's backend-lost banner says so.
  }
}

/** No way to main: say which link to open, in the browser's language (no preferences can be read). */
async function showTokenMissing(): Promise<void> {
  const locale = systemLocale()
  await loadLocale(locale)
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  createApp(TokenMissing).use(i18n).mount('#app')
}

void (canReachMain() ? boot() : showTokenMissing())
