import { describe, expect, it } from 'vitest'
import { Utf8Stream } from './utf8-stream'

const TEXT = 'a 한국어 😀 é z'

describe('Utf8Stream', () => {
  it('gives the same text whichever byte a multi-byte character is split at', () => {
    const bytes = Buffer.from(TEXT, 'utf8')
    for (let cut = 0; cut <= bytes.length; cut++) {
      const d = new Utf8Stream()
      const out = d.push(bytes.subarray(0, cut)) + d.push(bytes.subarray(cut)) + d.end()
      expect(out, `cut at byte ${cut}`).toBe(TEXT)
    }
  })

  it('holds a split character back until it is complete', () => {
    const d = new Utf8Stream()
    const han = Buffer.from('한', 'utf8')
    expect(d.push(han.subarray(0, 1))).toBe('')
    expect(d.push(han.subarray(1, 2))).toBe('')
    expect(d.push(han.subarray(2))).toBe('한')
  })

  it('decodes a stream fed one byte at a time', () => {
    const d = new Utf8Stream()
    let out = ''
    for (const b of Buffer.from(TEXT, 'utf8')) out += d.push(Buffer.of(b))
    expect(out + d.end()).toBe(TEXT)
  })

  it('shows an incomplete character at the end as a replacement character', () => {
    const d = new Utf8Stream()
    expect(d.push(Buffer.from('ok', 'utf8'))).toBe('ok')
    expect(d.push(Buffer.from('😀', 'utf8').subarray(0, 2))).toBe('')
    expect(d.end()).toBe('\uFFFD')
  })
})
