import { describe, expect, it } from 'vitest'
import { eventEntry, type LogEntry } from './log-entry'
import { compileSearch, filterRows, findRanges, LogSearch, type SearchQuery } from './log-search'
import { LogLineStore } from './log-store'

const entry = (text: string, stream: 'stdout' | 'stderr' = 'stdout'): LogEntry => ({ kind: 'line', time: '2026-11-23T10:00:00Z', ms: 0, stream, text, plain: text, source: 0 })
const q = (text: string, over: Partial<SearchQuery> = {}): SearchQuery => ({ text, regex: false, caseSensitive: false, ...over })
const re = (query: SearchQuery) => {
  const c = compileSearch(query)
  if (!c.ok || !c.re) throw new Error('no pattern')
  return c.re
}
const settle = () => new Promise<void>((r) => setTimeout(r, 0))

function buffer(texts: string[], cap = 1000): LogLineStore {
  const b = new LogLineStore(cap)
  b.append(texts.map((text, i) => entry(text, i % 3 === 2 ? 'stderr' : 'stdout')))
  return b
}

async function searched(b: LogLineStore, query: SearchQuery): Promise<LogSearch<LogEntry>> {
  const s = new LogSearch(
    b,
    (l) => l.plain,
    () => undefined,
    settle,
    0,
  )
  s.setPattern(re(query))
  while (s.running) await settle()
  return s
}

describe('compileSearch', () => {
  it('searches plain text literally and ignores case unless asked', () => {
    expect(findRanges('a.b A.B axb', re(q('a.b')))).toEqual([
      [0, 3],
      [4, 7],
    ])
    expect(findRanges('a.b A.B', re(q('a.b', { caseSensitive: true })))).toEqual([[0, 3]])
    expect(findRanges('(x) [y]', re(q('[y]')))).toEqual([[4, 7]])
    expect(findRanges('a-b /c/', re(q('-b /c/')))).toEqual([[1, 7]])
  })

  it('searches regular expressions, skipping empty matches', () => {
    expect(findRanges('error 42, Error 7', re(q('err\\w+ \\d+', { regex: true })))).toEqual([
      [0, 8],
      [10, 17],
    ])
    expect(findRanges('abc', re(q('x*', { regex: true })))).toEqual([])
  })

  it('answers an invalid regular expression with the reason, not an exception', () => {
    const c = compileSearch(q('(unclosed', { regex: true }))
    expect(c.ok).toBe(false)
    expect(!c.ok && c.error).toMatch(/group/i)
  })

  it('has nothing to search for when the text is empty', () => {
    expect(compileSearch(q(''))).toEqual({ ok: true, re: null })
  })
})

describe('LogSearch', () => {
  it('finds every match in every line, counts them and steps through them', async () => {
    const s = await searched(buffer(['GET /a ok', 'nothing', 'GET /b GET /c', 'get lower']), q('get'))
    expect(s.total).toBe(4)
    expect(s.matchIds()).toEqual([0, 2, 3])
    expect([0, 1, 2, 3].map((n) => s.hit(n))).toEqual([
      { id: 0, index: 0 },
      { id: 2, index: 0 },
      { id: 2, index: 1 },
      { id: 3, index: 0 },
    ])
    expect(s.hit(4)).toBeNull()
    expect(s.ordinal({ id: 2, index: 1 })).toBe(2)
    expect(s.ordinal({ id: 1, index: 0 })).toBe(1)
    expect(s.rangesOf(2)).toEqual([
      [0, 3],
      [7, 10],
    ])
  })

  it('works through a large buffer in slices, yielding between them', async () => {
    const b = new LogLineStore(200_000)
    b.append(Array.from({ length: 150_000 }, (_, i) => entry(i % 1000 === 0 ? `needle ${i}` : `hay ${i}`)))
    let pauses = 0
    const s = new LogSearch(
      b,
      (l) => l.plain,
      () => undefined,
      () => {
        pauses++
        return settle()
      },
      0,
    )
    s.setPattern(re(q('needle')))
    while (s.running) await settle()
    expect(s.total).toBe(150)
    expect(pauses).toBeGreaterThan(10)
  })

  it('extends to new lines, drops trimmed ones, and starts over after older lines come in', async () => {
    const b = buffer(['x 1', 'y', 'x 2'], 4)
    const s = await searched(b, q('x'))
    expect(s.total).toBe(2)
    b.append([entry('x 3'), entry('x 4')])
    s.sync()
    while (s.running) await settle()
    // Cap 4: "x 1" was trimmed.
    expect(s.matchIds()).toEqual([2, 3, 4])
    expect(s.hit(0)).toEqual({ id: 2, index: 0 })
    b.clear()
    b.append([entry('x 5')])
    s.sync()
    while (s.running) await settle()
    expect(s.matchIds()).toEqual([5])
    const small = buffer(['x a'], 10)
    const t = await searched(small, q('x'))
    small.prepend([entry('x older')])
    t.sync()
    while (t.running) await settle()
    expect(t.matchIds()).toEqual([-1, 0])
  })

  it('stops a search that was replaced', async () => {
    const b = buffer(
      Array.from({ length: 5000 }, (_, i) => `a${i}`),
      10_000,
    )
    const s = new LogSearch(
      b,
      (l) => l.plain,
      () => undefined,
      settle,
      0,
    )
    s.setPattern(re(q('a')))
    s.setPattern(re(q('a4999')))
    while (s.running) await settle()
    expect(s.total).toBe(1)
  })
})

describe('filterRows', () => {
  const texts = ['l0', 'l1', 'l2 hit', 'l3', 'l4', 'l5', 'l6', 'l7 hit', 'l8', 'l9']

  it('shows everything when nothing filters', () => {
    expect(filterRows(buffer(texts), 'both', null, 0)).toBeNull()
  })

  it('shows one stream', () => {
    // Every third line (2, 5, 8) is stderr.
    expect(filterRows(buffer(texts), 'stderr', null, 0)).toEqual([2, 5, 8])
    expect(filterRows(buffer(texts), 'stdout', null, 0)).toEqual([0, 1, 3, 4, 6, 7, 9])
  })

  it('shows matching lines with context, without repeating overlapping context', () => {
    expect(filterRows(buffer(texts), 'both', [2, 7], 0)).toEqual([2, 7])
    expect(filterRows(buffer(texts), 'both', [2, 7], 1)).toEqual([1, 2, 3, 6, 7, 8])
    expect(filterRows(buffer(texts), 'both', [2, 7], 3)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('keeps entries of neither stream (restart dividers) when one stream shows', () => {
    const b = buffer(['a', 'b'])
    b.append([eventEntry('restarted', '2026-11-23T10:00:01Z', 0)])
    expect(filterRows(b, 'stderr', null, 0)).toEqual([2])
  })

  it('takes context from the shown stream only', () => {
    expect(filterRows(buffer(texts), 'stdout', [7], 1)).toEqual([6, 7, 9])
    expect(filterRows(buffer(texts), 'stdout', [2], 1)).toEqual([])
  })
})
