import { describe, expect, it } from 'vitest'
import { isMac, terminalShortcut, type KeyLike } from './terminal-keys'

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ type: 'keydown', key: k, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods })

describe('terminalShortcut', () => {
  it('copies, pastes and searches with Ctrl+Shift on Linux and Windows', () => {
    expect(terminalShortcut(key('C', { ctrlKey: true, shiftKey: true }), false)).toBe('copy')
    expect(terminalShortcut(key('V', { ctrlKey: true, shiftKey: true }), false)).toBe('paste')
    expect(terminalShortcut(key('F', { ctrlKey: true, shiftKey: true }), false)).toBe('search')
  })

  it('leaves plain Ctrl+C to the program as the interrupt', () => {
    expect(terminalShortcut(key('c', { ctrlKey: true }), false)).toBeNull()
    expect(terminalShortcut(key('v', { ctrlKey: true }), false)).toBeNull()
  })

  it('uses Cmd on macOS, where Ctrl+C stays the interrupt too', () => {
    expect(terminalShortcut(key('c', { metaKey: true }), true)).toBe('copy')
    expect(terminalShortcut(key('v', { metaKey: true }), true)).toBe('paste')
    expect(terminalShortcut(key('f', { metaKey: true }), true)).toBe('search')
    expect(terminalShortcut(key('c', { ctrlKey: true }), true)).toBeNull()
    expect(terminalShortcut(key('c', { ctrlKey: true, shiftKey: true }), true)).toBeNull()
  })

  it('ignores key-up, Alt chords and other letters', () => {
    expect(terminalShortcut({ ...key('C', { ctrlKey: true, shiftKey: true }), type: 'keyup' }, false)).toBeNull()
    expect(terminalShortcut(key('C', { ctrlKey: true, shiftKey: true, altKey: true }), false)).toBeNull()
    expect(terminalShortcut(key('X', { ctrlKey: true, shiftKey: true }), false)).toBeNull()
  })
})

describe('isMac', () => {
  it('recognises Apple platforms only', () => {
    expect(isMac('MacIntel')).toBe(true)
    expect(isMac('Linux x86_64')).toBe(false)
    expect(isMac('Win32')).toBe(false)
  })
})
