import { describe, expect, it } from 'vitest'
import { terminalTheme } from './terminal-theme'

describe('terminalTheme', () => {
  it('maps the theme variables to the terminal’s colours, the 16 ANSI ones included', () => {
    const vars: Record<string, string> = { '--bg-raised': ' #fff', '--text': '#111', '--accent': '#0a0', '--bg-selected': '#ccf', '--ansi-red': '#c00', '--ansi-bright-red': '#f00' }
    const theme = terminalTheme((n) => vars[n] ?? '')
    expect(theme).toMatchObject({ background: '#fff', foreground: '#111', cursor: '#0a0', cursorAccent: '#fff', selectionBackground: '#ccf', red: '#c00', brightRed: '#f00' })
  })

  it('leaves a colour to xterm’s default when its variable is not set', () => {
    expect(terminalTheme(() => '').blue).toBeUndefined()
  })
})
