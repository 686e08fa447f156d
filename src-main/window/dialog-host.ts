import type { BrowserWindow } from 'electron'
import type { DialogHost } from '../exports/host'
import { saveDialogTarget } from './export-target'
import { openDialogPicker } from './file-picker'
import { openFolderPicker } from './folder-picker'

/** Electron's host: save and open dialogs over the window `window()` names (none: the dialogs stand alone). */
export function dialogHost(window: () => BrowserWindow | null): DialogHost {
  return { kind: 'dialogs', exports: saveDialogTarget(window), files: openDialogPicker(window), folders: openFolderPicker(window) }
}
