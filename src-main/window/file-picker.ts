import { statSync } from 'node:fs'
import { basename } from 'node:path'
import { dialog, type BrowserWindow } from 'electron'
import type { FilePicker } from '../exports/picks'

/** Electron's file picker for uploads: an open dialog over the window, one regular file. */
export function openDialogPicker(getWindow: () => BrowserWindow | null): FilePicker {
  return {
    async pick() {
      const options = { properties: ['openFile' as const] }
      const win = getWindow()
      const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      const path = picked.filePaths[0]
      if (picked.canceled || !path) return null
      const st = statSync(path)
      if (!st.isFile()) return null
      return { path, name: basename(path), size: st.size }
    },
  }
}
