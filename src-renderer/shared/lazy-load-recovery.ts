import { defineAsyncComponent, type Component } from 'vue'
import type { Router } from 'vue-router'

const RELOADED_AT = 'berth:lazy-reload-at'
/** At most one reload a minute: a file that stays missing then shows its error instead of a loop. */
const RELOAD_GAP_MS = 60_000
const CSS_RETRIES = 3
const CSS_RETRY_MS = 300

export interface RecoveryEnv {
  storage: Pick<Storage, 'getItem' | 'setItem'>
  /** Reloads the page showing this route (`#/containers/…`). */
  reloadAt: (fullPath: string) => void
  target: EventTarget
  addStylesheet: (href: string, onError: () => void) => void
}

const browserEnv = (): RecoveryEnv => ({
  storage: sessionStorage,
  reloadAt: (fullPath) => {
    history.replaceState(history.state, '', `#${fullPath}`)
    window.location.reload()
  },
  target: window,
  addStylesheet: (href, onError) => {
    const link = document.createElement('link')
    link.rel = 'stylesheet'
    link.href = href
    link.addEventListener('error', onError, { once: true })
    document.head.append(link)
  },
})

/**
 * A screen's code and styles are fetched when it is first opened. In browser mode such a fetch
 * can fail for a moment: Chromium aborts requests in flight with ERR_NETWORK_CHANGED when the
 * machine's network changes, and the engine adds a network interface for every container it
 * starts. Vite would leave that screen unopened, or open it without its styles for the rest of
 * the session. So a stylesheet that failed is fetched again (the screen opens meanwhile), and a
 * screen whose code failed is opened by reloading the page at it, at most once a minute;
 * after that the failure is reported through `onFailure`.
 */
/** Set up by recoverFailedLazyLoads: what a lazy pane or dialog does when its code failed to load. */
let paneFailed: ((err: unknown) => void) | null = null

/**
 * A component fetched when first shown (a tab's pane, a dialog), recovering from a failed fetch
 * the way screens do: the page reloads where it is.
 */
export function lazyComponent(loader: () => Promise<Component | { default: Component }>): Component {
  return defineAsyncComponent({
    loader,
    onError: (err, _retry, fail) => {
      paneFailed?.(err)
      fail()
    },
  })
}

export function recoverFailedLazyLoads(router: Pick<Router, 'onError' | 'currentRoute'>, onFailure: (err: unknown) => void, env: RecoveryEnv = browserEnv()): void {
  env.target.addEventListener('vite:preloadError', (event) => {
    const href = /Unable to preload CSS for (\S+)/.exec(String((event as Event & { payload?: unknown }).payload ?? ''))?.[1]
    if (!href) return
    event.preventDefault()
    let tries = 0
    const again = () => {
      if (++tries > CSS_RETRIES) return onFailure(new Error(`Berth could not load ${href}`))
      setTimeout(() => env.addStylesheet(href, again), CSS_RETRY_MS)
    }
    again()
  })
  const importFailed = (err: unknown, fullPath: string | undefined) => {
    const last = Number(env.storage.getItem(RELOADED_AT) ?? 0)
    if (fullPath !== undefined && isImportFailure(err) && Date.now() - last >= RELOAD_GAP_MS) {
      env.storage.setItem(RELOADED_AT, String(Date.now()))
      env.reloadAt(fullPath)
      return
    }
    onFailure(err)
  }
  router.onError((err, to) => importFailed(err, to?.fullPath))
  paneFailed = (err) => importFailed(err, router.currentRoute.value.fullPath)
}

/** How Chromium, Firefox and Safari word a dynamic import whose module could not be fetched. */
function isImportFailure(err: unknown): boolean {
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported module/i.test(err instanceof Error ? err.message : String(err))
}
