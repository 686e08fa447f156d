import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron'
import { BerthError } from '../../src-shared/contract/errors'
import { AckWindow } from './ack-window'
import { isTrustedSender } from './app-origin'
import { ClientSession, type Router } from './router'

/**
 * Carries the contract over Electron IPC. Only our own window's main frame may call, and only
 * while it shows one of our pages (`origins`: app://berth, the dev server's): a page that got
 * into the window some other way (a dropped file, a redirect) is refused. The session (and
 * every stream it holds) ends when the page reloads or closes. The preload acknowledges every
 * message once handled (`berth:ack`): webContents.send has no backpressure, so the
 * acknowledgements are what lets a log flood wait for the renderer. A request carries the
 * page's id for it, so `berth:cancel` can abort it while it waits.
 */
export function attachIpc(router: Router, win: BrowserWindow, origins: readonly string[]): () => void {
  let session = new ClientSession()
  const wc = win.webContents
  const window = new AckWindow()

  const trusted = (event: IpcMainInvokeEvent | IpcMainEvent) => isTrustedSender(event, wc, origins)
  const refused = { ok: false, error: new BerthError('PERMISSION_DENIED', 'This request did not come from the Berth window.').toJSON() }

  ipcMain.handle('berth:invoke', (event, channel: unknown, params: unknown, id: unknown) => (trusted(event) ? router.invokeFor(session, id, channel, params) : refused))
  const onCancel = (event: IpcMainEvent, id: unknown) => {
    if (trusted(event)) session.inFlight.cancel(id)
  }
  ipcMain.on('berth:cancel', onCancel)
  ipcMain.handle('berth:subscribe', (event, topic: unknown, params: unknown) => {
    if (!trusted(event)) return refused
    return router.subscribe(session, topic, params, {
      message: (sub, data) => {
        if (wc.isDestroyed()) return
        window.sent()
        wc.send('berth:message', sub, data)
      },
      end: (sub, error) => !wc.isDestroyed() && wc.send('berth:end', sub, error ?? null),
      congested: () => window.congested(),
      whenClear: (resume) => window.whenClear(resume),
    })
  })
  const onAck = (event: IpcMainEvent) => {
    if (trusted(event)) window.acked()
  }
  ipcMain.on('berth:ack', onAck)
  ipcMain.handle('berth:unsubscribe', (event, sub: unknown) => {
    if (trusted(event)) router.unsubscribe(session, sub)
  })

  const reset = () => {
    router.closeSession(session)
    window.reset()
    session = new ClientSession()
  }
  wc.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) reset()
  })
  wc.on('render-process-gone', reset)
  wc.on('destroyed', reset)

  return () => {
    ipcMain.removeHandler('berth:invoke')
    ipcMain.removeHandler('berth:subscribe')
    ipcMain.removeHandler('berth:unsubscribe')
    ipcMain.removeListener('berth:ack', onAck)
    ipcMain.removeListener('berth:cancel', onCancel)
    reset()
  }
}
