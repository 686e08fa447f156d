import { BrowserWindow, nativeTheme } from 'electron'
import { isTrustedUrl } from '../transport/app-origin'
import { CONTENT_SECURITY_POLICY } from '../transport/csp'
import { hardenWebContents } from './security'
import type { MainStrings } from './strings'

export interface MainWindowOptions {
  /** The page to load: app://berth/index.html, or the dev server's URL. */
  entryUrl: string
  /** The origins whose pages may stay in the window (transport/app-origin.ts trustedOrigins). */
  origins: readonly string[]
  preloadPath: string
  iconPath: string
  strings: () => MainStrings
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  // Electronegativity reads an explanation only on the constructor's line.
  // prettier-ignore
  const win = new BrowserWindow({ // eng-disable AUXCLICK_JS_CHECK -- a middle click's new window is denied by setWindowOpenHandler (security.ts)
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    title: 'Berth',
    icon: opts.iconPath,
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#ffffff',
    webPreferences: {
      preload: opts.preloadPath, // eng-disable PRELOAD_JS_CHECK -- our own bundled preload: contextBridge exposes only the contract's invoke/subscribe, sender checked in main
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  })
  hardenWebContents(win, (url) => isTrustedUrl(url, opts.origins), opts.strings)
  // app:// responses carry the policy themselves (transport/app-files.ts); this header covers the dev server.
  win.webContents.session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(opts.entryUrl)
  return win
}
