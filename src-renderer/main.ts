import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { useContainersStore } from './stores/containers'
import { useEngineStore } from './stores/engine'
import { usePreferencesStore } from './stores/preferences'
import './styles/base.css'

async function boot(): Promise<void> {
  const app = createApp(App).use(createPinia()).use(i18n).use(router)
  const preferences = usePreferencesStore()
  await preferences.load()
  app.mount('#app')
  // The engine status first, so the containers store sees the state it should list for.
  try {
    await useEngineStore().start()
    await useContainersStore().start()
  } catch {
    // Main did not answer: the engine store's backend-lost banner says so.
  }
}

void boot()
