import { Readable } from 'node:stream'
import { pack as tarPack } from 'tar-stream'
import { describe, expect, it } from 'vitest'
import { decodeText, readFirstEntry } from './file-text'

async function oneFileTar(content: Buffer): Promise<Buffer> {
  const p = tarPack()
  p.entry({ name: 'f.txt', size: content.length }, content)
  p.finalize()
  const chunks: Buffer[] = []
  for await (const c of p) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

describe('volume file text', () => {
  it('decodes UTF-8 text, and calls NUL bytes or invalid UTF-8 binary', () => {
    expect(decodeText(Buffer.from('héllo 한국어\n'))).toBe('héllo 한국어\n')
    expect(decodeText(Buffer.from([0x68, 0x00, 0x69]))).toBeNull()
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x41]))).toBeNull()
    expect(decodeText(Buffer.alloc(0))).toBe('')
  })

  it('accepts a character cut by the size cap at the very end', () => {
    const bytes = Buffer.from('ab한')
    expect(decodeText(bytes.subarray(0, bytes.length - 1))).toBe('ab')
  })

  it('reads the first entry up to the cap and says when it cut', async () => {
    const tar = await oneFileTar(Buffer.alloc(10_000, 0x41))
    const whole = await readFirstEntry(Readable.from([tar]), 20_000)
    expect(whole?.bytes.length).toBe(10_000)
    expect(whole?.truncated).toBe(false)
    const cut = await readFirstEntry(Readable.from([tar.subarray(0, 3000), tar.subarray(3000)]), 1000)
    expect(cut?.bytes.length).toBe(1000)
    expect(cut?.truncated).toBe(true)
    expect(cut?.header.size).toBe(10_000)
  })
})
