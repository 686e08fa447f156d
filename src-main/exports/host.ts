import type { FilePicker, FolderPicker } from './picks'
import type { ExportTarget } from './target'
import type { UploadOffers } from './uploads'

/**
 * Electron: main shows the dialogs over the window. Exports are saved where the person picks;
 * uploads and build contexts are files and folders picked in main.
 */
export interface DialogHost {
  kind: 'dialogs'
  exports: ExportTarget
  files: FilePicker
  folders: FolderPicker
}

/**
 * Browser mode: main has no dialogs. Exports become one-time download links; the page picks a
 * file itself and posts its bytes to a one-time upload link; there is no folder to pick.
 */
export interface LinkHost {
  kind: 'links'
  exports: ExportTarget
  uploads: UploadOffers
}

/** What the host Berth runs in gives main for moving files to and from the person. */
export type ServicesHost = DialogHost | LinkHost
