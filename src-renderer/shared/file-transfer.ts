/**
 * Browser mode: main hands out a one-time link on our own origin for a file to save; a click on a
 * throwaway download link makes the browser fetch and save it.
 */
export function startBrowserDownload(url: string): void {
  const a = document.createElement('a')
  a.href = url
  a.download = ''
  document.body.append(a)
  a.click()
  a.remove()
}

/** Electron picks files in main (a dialog); browser mode picks them in the page and uploads. */
export function picksInMain(): boolean {
  return typeof window !== 'undefined' && Boolean((window as { berth?: unknown }).berth)
}
