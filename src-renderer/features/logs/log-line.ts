import type { AnsiToken } from '../../shared/ansi'
import type { MatchRange } from './log-search'

/** A run of a log line with one look: its ANSI style, whether it is a match (2: the current one). */
export interface Piece {
  text: string
  classes: string[]
  style: Record<string, string> | undefined
  mark: 0 | 1 | 2
}

/** Consecutive pieces, inside a link when `href` is set. */
export interface PieceGroup {
  href: string | null
  pieces: Piece[]
}

const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/g
const TRAILING = /[.,;:!?)\]}'"]+$/

/** http(s) URLs in plain text, without the punctuation that usually ends a sentence. */
export function findUrls(plain: string): { start: number; end: number; href: string }[] {
  const out: { start: number; end: number; href: string }[] = []
  if (!plain.includes('http')) return out
  for (const m of plain.matchAll(URL_RE)) {
    const href = m[0].replace(TRAILING, '')
    if (href.length > 'https://'.length) out.push({ start: m.index, end: m.index + href.length, href })
  }
  return out
}

function look(t: AnsiToken): { classes: string[]; style: Record<string, string> | undefined } {
  const classes: string[] = []
  if (t.bold) classes.push('ansi-bold')
  if (t.dim) classes.push('ansi-dim')
  if (t.italic) classes.push('ansi-italic')
  if (t.underline) classes.push('ansi-underline')
  if (t.strike) classes.push('ansi-strike')
  let style: Record<string, string> | undefined
  if (t.fg || t.bg) {
    style = {}
    if (t.fg) style.color = t.fg
    if (t.bg) style.backgroundColor = t.bg
  }
  return { classes, style }
}

/**
 * Cuts a line's tokens where matches and URLs begin and end. `current` is the index of the
 * current match among `matches`, or -1. The pieces' texts joined are the line's plain text.
 */
export function linePieces(tokens: readonly AnsiToken[], matches: readonly MatchRange[] | undefined, current: number, urls = findUrls(tokens.map((t) => t.text).join(''))): PieceGroup[] {
  const cuts = new Set<number>()
  let pos = 0
  for (const t of tokens) cuts.add((pos += t.text.length))
  const length = pos
  for (const [a, b] of matches ?? []) cuts.add(a).add(b)
  for (const u of urls) cuts.add(u.start).add(u.end)
  const points = [...cuts].filter((c) => c > 0 && c <= length).sort((x, y) => x - y)

  const groups: PieceGroup[] = []
  let tokenIndex = 0
  let tokenStart = 0
  let start = 0
  for (const end of points) {
    while (tokenIndex < tokens.length && tokenStart + (tokens[tokenIndex] as AnsiToken).text.length <= start) tokenStart += (tokens[tokenIndex++] as AnsiToken).text.length
    const token = tokens[tokenIndex] as AnsiToken
    const m = matches ? matches.findIndex(([a, b]) => a <= start && start < b) : -1
    const url = urls.find((u) => u.start <= start && start < u.end)
    const href = url ? url.href : null
    const piece: Piece = { text: token.text.slice(start - tokenStart, end - tokenStart), ...look(token), mark: m < 0 ? 0 : m === current ? 2 : 1 }
    const last = groups[groups.length - 1]
    if (last && last.href === href) last.pieces.push(piece)
    else groups.push({ href, pieces: [piece] })
    start = end
  }
  return groups
}
