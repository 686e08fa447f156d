import { dialog, session, shell, type BrowserWindow, type WebContents } from 'electron'
import type { MainStrings } from './strings'

/** Only http(s) leaves the app, and only to the OS browser after the user agrees. */
function isExternalUrlAllowed(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol === 'http:' || u.protocol === 'https:'
  } catch {
    return false
  }
}

async function openExternalAfterConfirm(win: BrowserWindow, url: string, strings: () => MainStrings): Promise<void> {
  if (!isExternalUrlAllowed(url)) return
  const s = strings()
  const { response } = await dialog.showMessageBox(win, {
    type: 'question',
    buttons: [s.open, s.cancel],
    defaultId: 0,
    cancelId: 1,
    message: s.openLinkQuestion,
    detail: url,
  })
  if (response === 0) await shell.openExternal(url) // eng-disable OPEN_EXTERNAL_JS_CHECK -- http(s) only (isExternalUrlAllowed), after the user agreed to this URL
}

/** Denies navigation away from the app and every new window; permissions are refused. */
export function hardenWebContents(win: BrowserWindow, appUrl: (url: string) => boolean, strings: () => MainStrings): void {
  const wc: WebContents = win.webContents
  wc.setWindowOpenHandler(({ url }) => {
    void openExternalAfterConfirm(win, url, strings)
    return { action: 'deny' }
  })
  wc.on('will-navigate', (event, url) => {
    if (!appUrl(url)) {
      event.preventDefault()
      void openExternalAfterConfirm(win, url, strings)
    }
  })
  wc.on('will-redirect', (event, url) => {
    if (!appUrl(url)) event.preventDefault()
  })
  wc.on('will-attach-webview', (event) => event.preventDefault())
}

// Writing to the clipboard ("copy as docker run", copy JSON) is the one thing the UI may do.
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write'])

export function refuseAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)))
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => ALLOWED_PERMISSIONS.has(permission))
}
