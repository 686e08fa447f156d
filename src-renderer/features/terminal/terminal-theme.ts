import type { ITheme } from '@xterm/xterm'

const ANSI = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'] as const
const BRIGHT = { black: 'brightBlack', red: 'brightRed', green: 'brightGreen', yellow: 'brightYellow', blue: 'brightBlue', magenta: 'brightMagenta', cyan: 'brightCyan', white: 'brightWhite' } as const

/**
 * The terminal's colours from the theme's CSS variables (the log view's `--ansi-*` palette),
 * so light and dark terminals match the rest of the app. `read` returns a variable's value.
 */
export function terminalTheme(read: (name: string) => string): ITheme {
  const v = (name: string) => read(name).trim() || undefined
  const theme: ITheme = {
    background: v('--bg-raised'),
    foreground: v('--text'),
    cursor: v('--accent'),
    cursorAccent: v('--bg-raised'),
    selectionBackground: v('--bg-selected'),
  }
  for (const c of ANSI) {
    theme[c] = v(`--ansi-${c}`)
    theme[BRIGHT[c]] = v(`--ansi-bright-${c}`)
  }
  return theme
}
