import type { DialogHost } from '../../src-main/exports/host'
import type { FilePicker, FolderPicker, PickedFile } from '../../src-main/exports/picks'
import { saveToFile, type ExportTarget } from '../../src-main/exports/target'

/**
 * A host like Electron's whose dialogs the test answers: the save dialog picks `saveTo` (null:
 * cancelled), the file dialog `file`, the folder dialog `folder`. Set them before each request.
 */
export class ScriptedDialogs implements DialogHost {
  readonly kind = 'dialogs'
  saveTo: string | null = null
  file: PickedFile | null = null
  folder: string | null = null
  readonly exports: ExportTarget = { deliver: (f) => (this.saveTo === null ? Promise.resolve({ kind: 'cancelled' }) : saveToFile(this.saveTo, f)) }
  readonly files: FilePicker = { pick: () => Promise.resolve(this.file) }
  readonly folders: FolderPicker = { pickFolder: () => Promise.resolve(this.folder) }
}
