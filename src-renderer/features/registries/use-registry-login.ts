import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { CredentialSource, RegistryRow } from '../../../src-shared/contract/registries'
import { useRegistriesStore } from './registries-store'
import { useToastsStore } from '../../shared/stores/toasts'
import { describeError } from '../../shared/describe-error'
import { helperName } from './registry-format'

/** The log-in dialog's state and action, shared by the registry list and the browser. */
export function useRegistryLogin(onLoggedIn: (row: RegistryRow) => void = () => undefined) {
  const { t, te, locale } = useI18n()
  const registries = useRegistriesStore()
  const toasts = useToastsStore()
  const loginFor = ref<RegistryRow | null>(null)
  const loginError = ref<string | null>(null)
  const loggingIn = ref(false)

  const where = (source: CredentialSource) => {
    const helper = helperName(source)
    return helper ? t('registries.whereHelper', { name: helper }) : t('registries.whereFile')
  }

  function openLogin(row: RegistryRow): void {
    loginError.value = null
    loginFor.value = row
  }

  async function submitLogin(username: string, password: string): Promise<void> {
    const row = loginFor.value
    if (!row) return
    loggingIn.value = true
    loginError.value = null
    try {
      const done = await registries.login(row.registry, username, password)
      loginFor.value = null
      toasts.info(t('registries.loggedInToast', { registry: done.registry, user: done.username ?? username }))
      onLoggedIn(done)
    } catch (err) {
      loginError.value = describeError(err, locale.value, t, (k) => te(k))
    } finally {
      loggingIn.value = false
    }
  }

  // LoginDialog's props, for v-bind: the registry asked about, where its password will be kept, the request's state.
  const dialog = computed(() => {
    const row = loginFor.value
    return { open: row !== null, registry: row?.registry ?? '', where: row ? where(row.storesIn) : '', busy: loggingIn.value, error: loginError.value, initialUser: row?.username }
  })

  return { dialog, where, openLogin, submitLogin, cancelLogin: () => (loginFor.value = null) }
}
