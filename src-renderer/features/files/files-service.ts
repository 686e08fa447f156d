import { api, postUpload } from '../../api'

// What the Files tab asks of main: a folder's entries, downloads, uploads and the diff against the image.

export const listFiles = (id: string, path: string) => api().invoke('files:list', { id, path })
export const downloadFiles = (id: string, path: string) => api().invoke('files:download', { id, path })
/** Electron: main shows its file dialog and hands back a ticket for the file picked. */
export const pickUpload = () => api().invoke('files:pick', {})
export const fileChanges = (id: string) => api().invoke('files:changes', { id })

/** A file to put into a container's folder: picked in main (a ticket) or in the page (its bytes). */
export interface UploadSource {
  name: string
  size: number
  ticket?: string
  file?: File
}

/** Puts a file into `dir`; in browser mode the page then POSTs its bytes to the link main handed out. */
export async function uploadFile(id: string, dir: string, what: UploadSource, overwrite: boolean): Promise<void> {
  const out = await api().invoke('files:upload', { id, dir, name: what.name, size: what.size, overwrite, ...(what.ticket ? { ticket: what.ticket } : {}) })
  if (out.kind === 'upload' && what.file) await postUpload(out.url, what.file)
}
