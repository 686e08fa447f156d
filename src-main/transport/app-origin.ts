// Which pages are Berth's own. The window serves the renderer from a privileged custom scheme
// (window/app-protocol.ts), so "ours" is one origin, not every file:// page a drop could open.
// Plain Node (no Electron import): the IPC check and the navigation check call these, and so do tests.

export const APP_SCHEME = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://berth`
/** What the window loads when no dev server is in use. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * The origin of a URL as Chromium sees it for a standard scheme: scheme and host (with port).
 * Node's URL calls the origin of a non-special scheme such as app: opaque ("null"), so it is built here.
 */
function originOf(url: string): string | null {
  try {
    const u = new URL(url)
    return u.host ? `${u.protocol}//${u.host}` : null
  } catch {
    return null
  }
}

/** Our origin, plus the dev server's while electron-vite's dev server serves the renderer. */
export function trustedOrigins(devServerUrl?: string): readonly string[] {
  const dev = devServerUrl ? originOf(devServerUrl) : null
  return dev ? [APP_ORIGIN, dev] : [APP_ORIGIN]
}

export function isTrustedUrl(url: string, origins: readonly string[]): boolean {
  const origin = originOf(url)
  return origin !== null && origins.includes(origin)
}

/** The parts of an IPC event (IpcMainEvent, IpcMainInvokeEvent) the check reads. */
interface IpcSender {
  sender: unknown
  /** Null once the frame navigated away or was destroyed. */
  senderFrame: { url: string } | null
}

/** An IPC message is ours when it comes from our window's main frame while that frame shows one of our pages. */
export function isTrustedSender(event: IpcSender, ours: { mainFrame: unknown }, origins: readonly string[]): boolean {
  try {
    const frame = event.senderFrame
    return event.sender === ours && frame !== null && frame === ours.mainFrame && isTrustedUrl(frame.url, origins)
  } catch {
    // Electron throws when a frame that is already gone is read: that sender is not ours either.
    return false
  }
}
