import type { Router } from 'vue-router'

const RELOADED_AT = 'berth:lazy-reload-at'
/** At most one reload a minute: a file that stays missing then shows its error instead of a loop. */
const RELOAD_GAP_MS = 60_000

/**
 * A screen's code or styles are fetched when first opened. If that fetch fails (browser mode:
 * the server was briefly busy or restarted), Vite would leave the screen unopened or unstyled
 * for the rest of the session; reloading the page fetches everything again. A failure that
 * comes back within the minute is reported through `onFailure` instead.
 */
export function recoverFailedLazyLoads(
  router: Pick<Router, 'onError'>,
  onFailure: (err: unknown) => void,
  env: { storage: Pick<Storage, 'getItem' | 'setItem'>; reload: () => void; target: EventTarget } = { storage: sessionStorage, reload: () => window.location.reload(), target: window },
): void {
  const { storage, reload, target } = env
  target.addEventListener('vite:preloadError', (event) => {
    const last = Number(storage.getItem(RELOADED_AT) ?? 0)
    if (Date.now() - last < RELOAD_GAP_MS) return
    storage.setItem(RELOADED_AT, String(Date.now()))
    event.preventDefault()
    reload()
  })
  router.onError((err) => onFailure(err))
}
