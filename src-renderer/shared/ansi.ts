import { parseAnsiSequences, type Color, type ParseToken } from 'ansi-sequence-parser'

// Log text keeps the program's ANSI escapes. Colours and styles (SGR) become tokens the view
// renders as spans; everything else a terminal would act on (cursor moves, erase, OSC titles and
// links, other control characters) is removed. Nothing here produces HTML: the view puts each
// token's text into the DOM as text.

// SGR: ESC [ params m. Kept for the parser.
const SGR = /\x1b\[[0-9;:]*m/g
// SGR first (kept), then every other escape sequence and control character but TAB: CSI with any
// other final byte or private parameters, OSC (ended by BEL or ST), DCS/SOS/PM/APC strings,
// two-byte escapes, a lone ESC, C0 controls, DEL and C1 controls.
const ESCAPES = /\x1b\[[0-9;:]*m|\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b[ -/]*[0-~]|\x1b|[\x00-\x08\x0a-\x1a\x1c-\x1f\x7f\x80-\x9f]/g
const SGR_ONLY = /^\x1b\[[0-9;:]*m$/
const HAS_CONTROL = /[\x00-\x08\x0a-\x1f\x7f\x80-\x9f]/

/** The text with every escape except SGR removed. */
export function stripNonSgr(text: string): string {
  return HAS_CONTROL.test(text) ? text.replace(ESCAPES, keepSgr) : text
}

// ESC[m is a reset, as ESC[0m (the parser reads only the latter).
function keepSgr(m: string): string {
  if (!SGR_ONLY.test(m)) return ''
  return m === '\x1b[m' ? '\x1b[0m' : m
}

/** What a person reads: the text without any escape. Search and copy work on this. */
export function plainText(text: string): string {
  return HAS_CONTROL.test(text) ? stripNonSgr(text).replace(SGR, '') : text
}

export const BASE_COLOURS = [
  'black',
  'red',
  'green',
  'yellow',
  'blue',
  'magenta',
  'cyan',
  'white',
  'bright-black',
  'bright-red',
  'bright-green',
  'bright-yellow',
  'bright-blue',
  'bright-magenta',
  'bright-cyan',
  'bright-white',
] as const

export interface AnsiToken {
  text: string
  /** A CSS colour: var(--ansi-<name>) for the 16 base colours (themed), rgb() for the rest. */
  fg?: string
  bg?: string
  bold?: true
  dim?: true
  italic?: true
  underline?: true
  strike?: true
}

/** Splits a line into styled runs. The runs' texts joined equal plainText(text). */
export function tokenize(text: string): AnsiToken[] {
  if (!HAS_CONTROL.test(text)) return text ? [{ text }] : []
  const out: AnsiToken[] = []
  for (const t of parseAnsiSequences(stripNonSgr(text))) if (t.value) out.push(toToken(t))
  return out
}

function toToken(t: ParseToken): AnsiToken {
  let fg = t.foreground ? cssColour(t.foreground) : undefined
  let bg = t.background ? cssColour(t.background) : undefined
  const d = t.decorations
  if (d.has('reverse')) [fg, bg] = [bg ?? 'var(--log-bg)', fg ?? 'var(--log-text)']
  if (d.has('hidden')) fg = 'transparent'
  const token: AnsiToken = { text: t.value }
  if (fg) token.fg = fg
  if (bg) token.bg = bg
  if (d.has('bold')) token.bold = true
  if (d.has('dim')) token.dim = true
  if (d.has('italic')) token.italic = true
  if (d.has('underline')) token.underline = true
  if (d.has('strikethrough')) token.strike = true
  return token
}

const CUBE = [0, 95, 135, 175, 215, 255]

/** The xterm 256-colour table: 16 themed base colours, a 6×6×6 cube, 24 greys. */
export function cssColour(c: Color): string {
  if (c.type === 'named') return `var(--ansi-${c.name.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`)})`
  if (c.type === 'rgb') return `rgb(${c.rgb.map(clampByte).join(' ')})`
  const i = c.index
  if (!Number.isInteger(i) || i < 0 || i > 255) return 'inherit'
  if (i < 16) return `var(--ansi-${BASE_COLOURS[i]})`
  if (i < 232) {
    const n = i - 16
    return `rgb(${CUBE[Math.floor(n / 36)]} ${CUBE[Math.floor(n / 6) % 6]} ${CUBE[n % 6]})`
  }
  const g = 8 + (i - 232) * 10
  return `rgb(${g} ${g} ${g})`
}

function clampByte(n: number): number {
  return Math.min(255, Math.max(0, Math.round(n)))
}

/**
 * Tokens of the lines on screen, by line id: scrolling back over a line does not parse it
 * again. Bounded: past `limit` entries the cache starts over.
 */
export function tokenCache(limit = 4000): { get(id: number, text: string): AnsiToken[]; clear(): void } {
  const cache = new Map<number, AnsiToken[]>()
  return {
    get(id, text) {
      let tokens = cache.get(id)
      if (!tokens) {
        if (cache.size > limit) cache.clear()
        tokens = tokenize(text)
        cache.set(id, tokens)
      }
      return tokens
    },
    clear: () => cache.clear(),
  }
}
