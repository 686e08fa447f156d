import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { BerthError } from '../../src-shared/contract/errors'
import { ClientSession, type Router } from './router'

/**
 * Carries the contract over Electron IPC. Only our own window's main frame may call;
 * its session (and every stream it holds) ends when it reloads or closes.
 */
export function attachIpc(router: Router, win: BrowserWindow): () => void {
  let session = new ClientSession()
  const wc = win.webContents

  const trusted = (event: IpcMainInvokeEvent) => event.sender === wc && event.senderFrame === wc.mainFrame
  const refused = { ok: false, error: new BerthError('PERMISSION_DENIED', 'This request did not come from the Berth window.').toJSON() }

  ipcMain.handle('berth:invoke', (event, channel: unknown, params: unknown) => (trusted(event) ? router.invoke(channel, params) : refused))
  ipcMain.handle('berth:subscribe', (event, topic: unknown, params: unknown) => {
    if (!trusted(event)) return refused
    return router.subscribe(session, topic, params, {
      message: (sub, data) => !wc.isDestroyed() && wc.send('berth:message', sub, data),
      end: (sub, error) => !wc.isDestroyed() && wc.send('berth:end', sub, error ?? null),
    })
  })
  ipcMain.handle('berth:unsubscribe', (event, sub: unknown) => {
    if (trusted(event)) router.unsubscribe(session, sub)
  })

  const reset = () => {
    router.closeSession(session)
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
    reset()
  }
}
