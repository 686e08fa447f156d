import { join } from 'node:path'
import { BrowserWindow, nativeTheme } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../transport/csp'
import { hardenWebContents } from './security'
import type { MainStrings } from './strings'

export interface MainWindowOptions {
  devServerUrl?: string
  rendererDir: string
  preloadPath: string
  iconPath: string
  strings: () => MainStrings
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    title: 'Berth',
    icon: opts.iconPath,
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#ffffff',
    webPreferences: {
      preload: opts.preloadPath,
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
  const isAppUrl = (url: string) => (opts.devServerUrl ? url.startsWith(opts.devServerUrl) : url.startsWith('file://'))
  hardenWebContents(win, isAppUrl, opts.strings)
  // The packaged index.html carries the same policy in a meta tag; the header covers dev too.
  win.webContents.session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
  win.once('ready-to-show', () => win.show())
  if (opts.devServerUrl) void win.loadURL(opts.devServerUrl)
  else void win.loadFile(join(opts.rendererDir, 'index.html'))
  return win
}
