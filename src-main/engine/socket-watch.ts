import { readlinkSync, statSync, watch } from 'node:fs'
import { dirname, resolve } from 'node:path'

/** What a socket watch needs from the file system; a unit test gives a fake one. */
export interface SocketWatchFs {
  /**
   * Watches one folder's entries (fs.watch on the folder): `onChange` runs for any change in it
   * (an entry added, removed, renamed or changed; the folder itself removed), `onError` when the
   * watch breaks. Returns what closes it; throws when the folder cannot be watched.
   */
  watchFolder(folder: string, onChange: () => void, onError: () => void): () => void
  /** The folder's identity (device and inode, links followed), null when no folder is there. */
  folderId(path: string): string | null
  /** The file's identity (inode and change time, links followed), null when it does not exist. */
  fileId(path: string): string | null
  /** Where a symbolic link at `path` leads, link after link, as far as they exist; `path` when it is no link. */
  followLinks(path: string): string
}

export interface SocketWatch {
  /** Whether the socket's file exists now. */
  present(): boolean
  close(): void
}

/** Makes a watch of one socket: `onReturn` when it appears or is replaced, `onBroken` when the watch stops working. */
export type WatchSocket = (path: string, onReturn: () => void, onBroken: () => void) => SocketWatch

/**
 * Changes gather this long before the socket is looked at: an engine binds its socket, then
 * listens, then sets its owner and mode, and a connection between those steps would be refused.
 */
export const SOCKET_SETTLE_MS = 50

const nodeFs: SocketWatchFs = {
  watchFolder(folder, onChange, onError) {
    const watcher = watch(folder, { persistent: false }, () => onChange())
    watcher.on('error', () => onError())
    return () => watcher.close()
  },
  folderId(path) {
    try {
      const s = statSync(path, { bigint: true })
      return s.isDirectory() ? `${s.dev}:${s.ino}` : null
    } catch {
      return null
    }
  },
  fileId(path) {
    try {
      const s = statSync(path, { bigint: true })
      return `${s.dev}:${s.ino}:${s.ctimeNs}`
    } catch {
      return null
    }
  },
  followLinks(path) {
    let at = path
    for (let hops = 0; hops < 16; hops++) {
      try {
        at = resolve(dirname(at), readlinkSync(at))
      } catch {
        return at
      }
    }
    return at
  },
}

/**
 * Watches the folder of a local engine's socket and calls `onReturn` when the socket's file
 * appears, or is replaced (an engine starting again removes the stale socket and makes a new
 * one). While the socket's folder is missing (a VM's folder, /run/user/<uid>/podman), the nearest
 * folder above it that exists is watched instead, and the watch moves down as folders appear.
 * A socket path that is a symbolic link (Docker Desktop's /var/run/docker.sock) is watched where
 * the link leads. Changes gather for SOCKET_SETTLE_MS from the first one, however busy the folder is.
 */
export function watchSocket(path: string, onReturn: () => void, onBroken: () => void, fs: SocketWatchFs = nodeFs): SocketWatch {
  let watched: { folder: string; id: string | null } | null = null
  let closeWatch: (() => void) | null = null
  let settle: ReturnType<typeof setTimeout> | null = null
  let closed = false
  let seen = fs.fileId(path)

  const nearestFolder = (): { folder: string; id: string | null } => {
    let folder = dirname(fs.followLinks(path))
    let id = fs.folderId(folder)
    while (id === null && dirname(folder) !== folder) {
      folder = dirname(folder)
      id = fs.folderId(folder)
    }
    return { folder, id }
  }

  const changed = () => {
    if (closed || settle) return
    settle = setTimeout(settled, SOCKET_SETTLE_MS)
    settle.unref?.()
  }
  const broke = () => {
    // A broken watch sends nothing more: the next look replaces it even if the folder is the same.
    watched = null
    changed()
  }

  /** Watches the nearest existing folder on the socket's path (a folder removed and made again is a new one). */
  const place = () => {
    for (;;) {
      const next = nearestFolder()
      if (watched && next.folder === watched.folder && next.id === watched.id) return
      closeWatch?.()
      closeWatch = null
      watched = next
      closeWatch = fs.watchFolder(next.folder, changed, broke)
      // Round again: a folder made below this one while its watch was being set up told nobody.
    }
  }

  function settled(): void {
    settle = null
    if (closed) return
    try {
      place()
    } catch {
      stop()
      onBroken()
      return
    }
    // Read after the watch is in place, so a socket made while the watch moved is not missed.
    const now = fs.fileId(path)
    const returned = now !== null && now !== seen
    seen = now
    if (returned) onReturn()
  }

  function stop(): void {
    closed = true
    if (settle) clearTimeout(settle)
    settle = null
    closeWatch?.()
    closeWatch = null
  }

  place()
  // The socket may have come between the caller's last look and this watch being in place.
  if (fs.fileId(path) !== seen) changed()

  return {
    present: () => fs.fileId(path) !== null,
    close: stop,
  }
}
