import { dialog, session, shell, type BrowserWindow, type WebContents } from 'electron'

/** Only http(s) leaves the app, and only to the OS browser after the user agrees. */
export function isExternalUrlAllowed(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol === 'http:' || u.protocol === 'https:'
  } catch {
    return false
  }
}

async function openExternalAfterConfirm(win: BrowserWindow, url: string): Promise<void> {
  if (!isExternalUrlAllowed(url)) return
  const { response } = await dialog.showMessageBox(win, {
    type: 'question',
    buttons: ['Open', 'Cancel'],
    defaultId: 0,
    cancelId: 1,
    message: 'Open this link in your browser?',
    detail: url,
  })
  if (response === 0) await shell.openExternal(url)
}

/** Denies navigation away from the app and every new window; permissions are refused. */
export function hardenWebContents(win: BrowserWindow, appUrl: (url: string) => boolean): void {
  const wc: WebContents = win.webContents
  wc.setWindowOpenHandler(({ url }) => {
    void openExternalAfterConfirm(win, url)
    return { action: 'deny' }
  })
  wc.on('will-navigate', (event, url) => {
    if (!appUrl(url)) {
      event.preventDefault()
      void openExternalAfterConfirm(win, url)
    }
  })
  wc.on('will-redirect', (event, url) => {
    if (!appUrl(url)) event.preventDefault()
  })
  wc.on('will-attach-webview', (event) => event.preventDefault())
}

export function refuseAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
}
