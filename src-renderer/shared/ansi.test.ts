import { describe, expect, it } from 'vitest'
import { plainText, stripNonSgr, tokenCache, tokenize } from './ansi'

const ESC = '\x1b'

describe('tokenize', () => {
  it('gives plain text one token and never interprets it', () => {
    const html = '<img src=x onerror=alert(1)>'
    expect(tokenize(html)).toEqual([{ text: html }])
    expect(tokenize('')).toEqual([])
  })

  it('reads the 16 base colours as themed CSS variables', () => {
    expect(tokenize(`${ESC}[31mred${ESC}[0m plain ${ESC}[92mbright`)).toEqual([{ text: 'red', fg: 'var(--ansi-red)' }, { text: ' plain ' }, { text: 'bright', fg: 'var(--ansi-bright-green)' }])
    expect(tokenize(`${ESC}[44mbg`)).toEqual([{ text: 'bg', bg: 'var(--ansi-blue)' }])
  })

  it('reads 256-colour and truecolor', () => {
    expect(tokenize(`${ESC}[38;5;196ma${ESC}[38;5;9mb${ESC}[38;5;244mc`)).toEqual([
      { text: 'a', fg: 'rgb(255 0 0)' },
      { text: 'b', fg: 'var(--ansi-bright-red)' },
      { text: 'c', fg: 'rgb(128 128 128)' },
    ])
    expect(tokenize(`${ESC}[38;2;10;20;30;48;2;1;2;3mtc`)).toEqual([{ text: 'tc', fg: 'rgb(10 20 30)', bg: 'rgb(1 2 3)' }])
  })

  it('nests styles and resets them one by one or all at once', () => {
    const line = `${ESC}[1mB${ESC}[3mBI${ESC}[4;31mBIUr${ESC}[22mIUr${ESC}[39mIU${ESC}[0mplain`
    expect(tokenize(line)).toEqual([
      { text: 'B', bold: true },
      { text: 'BI', bold: true, italic: true },
      { text: 'BIUr', fg: 'var(--ansi-red)', bold: true, italic: true, underline: true },
      { text: 'IUr', fg: 'var(--ansi-red)', italic: true, underline: true },
      { text: 'IU', italic: true, underline: true },
      { text: 'plain' },
    ])
    expect(tokenize(`${ESC}[2mdim${ESC}[mplain`)).toEqual([{ text: 'dim', dim: true }, { text: 'plain' }])
  })

  it('swaps colours for inverse, with the theme standing in for defaults', () => {
    expect(tokenize(`${ESC}[7;32minv`)).toEqual([{ text: 'inv', fg: 'var(--log-bg)', bg: 'var(--ansi-green)' }])
  })

  it('strips cursor moves, erase, OSC titles and links, and other controls', () => {
    const line = `${ESC}[2K${ESC}[1G${ESC}]0;title${ESC}\\${ESC}]8;;http://x${ESC}\\link${ESC}]8;;${ESC}\\ ${ESC}[?25lok\x07\r${ESC}(B${ESC}[32mgo`
    expect(tokenize(line)).toEqual([{ text: 'link ok' }, { text: 'go', fg: 'var(--ansi-green)' }])
    expect(plainText(line)).toBe('link okgo')
    expect(stripNonSgr(`a${ESC}[5Ab${ESC}[1mc`)).toBe(`ab${ESC}[1mc`)
  })

  it('keeps an erase sequence from swallowing text up to a later m', () => {
    expect(plainText(`${ESC}[2Khello my friend`)).toBe('hello my friend')
  })

  it('keeps tabs, and joins its tokens into the plain text', () => {
    const line = `\t${ESC}[33mwarn${ESC}[0m\tdone <b>`
    expect(
      tokenize(line)
        .map((t) => t.text)
        .join(''),
    ).toBe(plainText(line))
    expect(plainText(line)).toBe('\twarn\tdone <b>')
  })
})

describe('tokenCache', () => {
  it('parses a line once and gives the same tokens back for its id', () => {
    const tokens = tokenCache()
    const first = tokens.get(1, '\u001b[31mred\u001b[0m')
    expect(tokens.get(1, '\u001b[31mred\u001b[0m')).toBe(first)
    expect(first.map((t) => t.text).join('')).toBe('red')
  })

  it('starts over once it holds more than its limit', () => {
    const tokens = tokenCache(2)
    const kept = tokens.get(1, 'a')
    tokens.get(2, 'b')
    tokens.get(3, 'c')
    tokens.get(4, 'd')
    expect(tokens.get(1, 'a')).not.toBe(kept)
  })

  it('forgets everything when cleared', () => {
    const tokens = tokenCache()
    const kept = tokens.get(1, 'a')
    tokens.clear()
    expect(tokens.get(1, 'a')).not.toBe(kept)
  })
})
