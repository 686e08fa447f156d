/** What a key press means to the terminal beyond typing. */
export type TerminalShortcut = 'copy' | 'paste' | 'search' | null

export interface KeyLike {
  type: string
  key: string
  ctrlKey: boolean
  shiftKey: boolean
  altKey: boolean
  metaKey: boolean
}

/**
 * Copy, paste and search keys: Ctrl+Shift+C/V/F on Linux and Windows (plain Ctrl+C stays the
 * interrupt), Cmd+C/V/F on macOS. Only key-down counts.
 */
export function terminalShortcut(e: KeyLike, mac: boolean): TerminalShortcut {
  if (e.type !== 'keydown' || e.altKey) return null
  const key = e.key.toLowerCase()
  const chord = mac ? e.metaKey && !e.ctrlKey && !e.shiftKey : e.ctrlKey && e.shiftKey && !e.metaKey
  if (!chord) return null
  return key === 'c' ? 'copy' : key === 'v' ? 'paste' : key === 'f' ? 'search' : null
}

export function isMac(platform: string): boolean {
  return /mac|iphone|ipad/i.test(platform)
}
