import { join } from 'node:path'
import { app, BrowserWindow, Menu } from 'electron'
import { Services } from './services'
import { APP_ENTRY_URL, trustedOrigins } from './transport/app-origin'
import { Router } from './transport/router'
import { attachIpc } from './transport/ipc'
import { registerAppScheme, serveAppScheme } from './window/app-protocol'
import { dialogHost } from './window/dialog-host'
import { createMainWindow } from './window/main-window'
import { refuseToStart } from './window/refuse-to-start'
import { sandboxProblem } from './window/sandbox-check'
import { refuseAllPermissions } from './window/security'
import { mainStrings } from './window/strings'

// App lifecycle only: services, one hardened window, the IPC carrier.

// The renderer comes from electron-vite's dev server only in development, never in a packaged app.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const origins = trustedOrigins(devServerUrl)

let services: Services | null = null
let detachIpc: (() => void) | null = null

function openWindow(router: Router, svc: Services): BrowserWindow {
  const win = createMainWindow({
    strings: () => mainStrings(svc.settings.get().preferences.locale, app.getLocale()),
    entryUrl: devServerUrl ?? APP_ENTRY_URL,
    origins,
    preloadPath: join(__dirname, '../preload/index.js'),
    iconPath: join(__dirname, '../../resources/icon.png'),
  })
  detachIpc = attachIpc(router, win, origins)
  win.on('closed', () => {
    detachIpc?.()
    detachIpc = null
  })
  return win
}

function start(): void {
  registerAppScheme()

  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0]
    if (win) {
      if (win.isMinimized()) win.restore()
      win.focus()
    }
  })

  void app.whenReady().then(() => {
    refuseAllPermissions()
    serveAppScheme(join(__dirname, '../renderer'))
    if (process.platform !== 'darwin') Menu.setApplicationMenu(null)
    // Dialogs open over the window in front, else over Berth's only window.
    const host = dialogHost(() => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0] ?? null)
    services = new Services({ host, configDir: app.getPath('userData') })
    const router = new Router(services)
    void services.start()
    const svc = services
    openWindow(router, svc)
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow(router, svc)
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  // Quitting waits (briefly) for open terminals' execs to end in the engine, then quits for real.
  let shutDown = false
  app.on('before-quit', (e) => {
    if (shutDown || !services) return
    e.preventDefault()
    shutDown = true
    void services.shutdown().finally(() => app.quit())
  })
}

// No path runs the window without Chromium's sandbox: as root or with --no-sandbox, Berth says why and quits.
const problem = sandboxProblem({ platform: process.platform, uid: process.getuid?.(), noSandboxSwitch: app.commandLine.hasSwitch('no-sandbox') })
if (problem) refuseToStart(problem)
else if (!app.requestSingleInstanceLock()) app.quit()
else start()
