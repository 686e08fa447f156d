import { dialog, type BrowserWindow } from 'electron'
import type { FolderPicker } from '../exports/picks'

/** Electron's folder picker for a build context: an open dialog over the window, one directory. */
export function openFolderPicker(getWindow: () => BrowserWindow | null): FolderPicker {
  return {
    async pickFolder() {
      const options = { properties: ['openDirectory' as const] }
      const win = getWindow()
      const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      const path = picked.filePaths[0]
      return picked.canceled || !path ? null : path
    },
  }
}
