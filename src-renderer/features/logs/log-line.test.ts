import { describe, expect, it } from 'vitest'
import { tokenize } from '../../shared/ansi'
import { findUrls, linePieces } from './log-line'

const flat = (groups: ReturnType<typeof linePieces>) => groups.flatMap((g) => g.pieces.map((p) => ({ href: g.href, text: p.text, mark: p.mark, classes: p.classes, style: p.style })))

describe('findUrls', () => {
  it('finds http(s) URLs without the sentence’s closing punctuation', () => {
    expect(findUrls('see https://example.com/a?b=1, or (http://x.test/y).')).toEqual([
      { start: 4, end: 29, href: 'https://example.com/a?b=1' },
      { start: 35, end: 50, href: 'http://x.test/y' },
    ])
    expect(findUrls('javascript:alert(1) file:///etc/passwd')).toEqual([])
  })
})

describe('linePieces', () => {
  it('keeps a line that looks like HTML as one plain text piece', () => {
    const text = '<img src=x onerror=alert(1)>'
    expect(flat(linePieces(tokenize(text), undefined, -1))).toEqual([{ href: null, text, mark: 0, classes: [], style: undefined }])
  })

  it('cuts styled tokens at match borders and marks the current match', () => {
    const tokens = tokenize('\x1b[1;31merror\x1b[0m: error again')
    const out = flat(
      linePieces(
        tokens,
        [
          [2, 5],
          [7, 12],
        ],
        1,
      ),
    )
    expect(out.map((p) => [p.text, p.mark])).toEqual([
      ['er', 0],
      ['ror', 1],
      [': ', 0],
      ['error', 2],
      [' again', 0],
    ])
    expect(out[1]).toMatchObject({ classes: ['ansi-bold'], style: { color: 'var(--ansi-red)' } })
    expect(out[2]?.style).toBeUndefined()
  })

  it('groups the pieces of a URL into one link', () => {
    const groups = linePieces(tokenize('open http://localhost:8080/x now'), [[12, 21]], 0)
    expect(groups.map((g) => [g.href, g.pieces.map((p) => p.text).join('')])).toEqual([
      [null, 'open '],
      ['http://localhost:8080/x', 'http://localhost:8080/x'],
      [null, ' now'],
    ])
    expect(groups[1]?.pieces.map((p) => p.mark)).toEqual([0, 2, 0])
  })
})
