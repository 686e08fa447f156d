import { describe, expect, it } from 'vitest'
import { LineAssembler } from './lines'

function split(chunks: (string | Buffer)[]): string[] {
  const a = new LineAssembler<number>()
  const out: string[] = []
  for (const c of chunks) a.write(typeof c === 'string' ? Buffer.from(c) : c, 0, (t) => out.push(t))
  a.end((t) => out.push(t))
  return out
}

describe('LineAssembler', () => {
  it('splits on \\n and \\r\\n and keeps a lone \\r in the text', () => {
    expect(split(['a\nb\r\nc\rd\n'])).toEqual(['a', 'b', 'c\rd'])
  })

  it('keeps empty lines', () => {
    expect(split(['\n\r\n\n'])).toEqual(['', '', ''])
  })

  it('holds a partial last line until its newline', () => {
    const a = new LineAssembler<number>()
    const out: string[] = []
    a.write(Buffer.from('one\ntw'), 0, (t) => out.push(t))
    expect(out).toEqual(['one'])
    a.write(Buffer.from('o\n'), 0, (t) => out.push(t))
    expect(out).toEqual(['one', 'two'])
  })

  it('gives the partial last line at the end of the stream', () => {
    expect(split(['one\ntwo'])).toEqual(['one', 'two'])
    expect(split(['one\n'])).toEqual(['one'])
    expect(split(['one\r'])).toEqual(['one'])
  })

  it('joins \\r\\n split between two writes', () => {
    expect(split(['a\r', '\nb\n'])).toEqual(['a', 'b'])
  })

  const text = 'plain 한국어 로그 😀👍🏽 e\u0301 end\r\n다음 줄 🚀\n'
  const bytes = Buffer.from(text)
  const expected = ['plain 한국어 로그 😀👍🏽 e\u0301 end', '다음 줄 🚀']

  it('decodes UTF-8 split at every byte position (Korean, emoji)', () => {
    for (let i = 0; i <= bytes.length; i++) expect(split([bytes.subarray(0, i), bytes.subarray(i)])).toEqual(expected)
  })

  it('decodes UTF-8 fed one byte at a time', () => {
    expect(split([...bytes].map((b) => Buffer.from([b])))).toEqual(expected)
  })

  it('tags each line with the write it started in', () => {
    const a = new LineAssembler<string>()
    const out: [string, string][] = []
    const on = (t: string, tag: string) => out.push([t, tag])
    a.write(Buffer.from('first\nsec'), 'A', on)
    a.write(Buffer.from('ond\nthird\nfou'), 'B', on)
    a.write(Buffer.from('rth'), 'C', on)
    a.end(on)
    expect(out).toEqual([
      ['first', 'A'],
      ['second', 'A'],
      ['third', 'B'],
      ['fourth', 'B'],
    ])
  })

  it('tags a line whose first bytes are an unfinished character with the write they came in', () => {
    const a = new LineAssembler<string>()
    const out: [string, string][] = []
    const han = Buffer.from('한')
    a.write(han.subarray(0, 1), 'A', (t, tag) => out.push([t, tag]))
    a.write(Buffer.concat([han.subarray(1), Buffer.from('\n')]), 'B', (t, tag) => out.push([t, tag]))
    expect(out).toEqual([['한', 'A']])
  })
})
