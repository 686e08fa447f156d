import { join } from 'node:path'
import { app, dialog, type BrowserWindow } from 'electron'
import { saveToFile, type ExportTarget } from '../exports/target'

/** Electron's export target: a save dialog over the window, then the file is written as it streams in. */
export function saveDialogTarget(getWindow: () => BrowserWindow | null): ExportTarget {
  return {
    async deliver(file) {
      const options = { defaultPath: join(app.getPath('downloads'), file.suggestedName) }
      const win = getWindow()
      const picked = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
      if (picked.canceled || !picked.filePath) return { kind: 'cancelled' }
      return saveToFile(picked.filePath, file)
    },
  }
}
