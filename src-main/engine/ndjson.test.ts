import { describe, expect, it } from 'vitest'
import { NdjsonSplitter } from './ndjson'

describe('NdjsonSplitter', () => {
  it('returns each complete line once, keeping a partial line for the next chunk', () => {
    const s = new NdjsonSplitter()
    expect(s.push('{"a":1}\n{"b"')).toEqual([{ a: 1 }])
    expect(s.push(':2}\n')).toEqual([{ b: 2 }])
  })

  it('decodes a UTF-8 character split across chunks', () => {
    const s = new NdjsonSplitter<{ name: string }>()
    const bytes = Buffer.from('{"name":"컨테이너"}\n')
    expect(s.push(bytes.subarray(0, 12))).toEqual([])
    expect(s.push(bytes.subarray(12))).toEqual([{ name: '컨테이너' }])
  })

  it('skips blank and damaged lines and goes on', () => {
    const s = new NdjsonSplitter()
    expect(s.push('\n{"broken\n  \n{"ok":true}\r\n')).toEqual([{ ok: true }])
  })
})
