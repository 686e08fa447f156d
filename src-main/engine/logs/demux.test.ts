import { describe, expect, it } from 'vitest'
import { FrameDemuxer, type StreamId } from './demux'

function frame(stream: StreamId, text: string): Buffer {
  const payload = Buffer.from(text, 'utf8')
  const header = Buffer.alloc(8)
  header[0] = stream
  header.writeUInt32BE(payload.length, 4)
  return Buffer.concat([header, payload])
}

function collect(chunks: Buffer[]): { stream: StreamId; text: string }[] {
  const d = new FrameDemuxer()
  const out: { stream: StreamId; text: string }[] = []
  for (const c of chunks) d.push(c, (stream, payload) => out.push({ stream, text: payload.toString('utf8') }))
  expect(d.pendingBytes).toBe(0)
  return out
}

describe('FrameDemuxer', () => {
  const frames = [frame(1, 'hello\n'), frame(2, 'oops\n'), frame(1, ''), frame(1, 'world\n')]
  const all = Buffer.concat(frames)
  const expected = [
    { stream: 1, text: 'hello\n' },
    { stream: 2, text: 'oops\n' },
    { stream: 1, text: '' },
    { stream: 1, text: 'world\n' },
  ]

  it('reads frames that arrive in one chunk', () => {
    expect(collect([all])).toEqual(expected)
  })

  it('reads the same frames however one cut splits them, at every byte position', () => {
    for (let i = 0; i <= all.length; i++) expect(collect([all.subarray(0, i), all.subarray(i)])).toEqual(expected)
  })

  it('reads the same frames when two cuts split headers and payloads anywhere', () => {
    for (let i = 0; i <= all.length; i++) {
      for (let j = i; j <= all.length; j++) expect(collect([all.subarray(0, i), all.subarray(i, j), all.subarray(j)])).toEqual(expected)
    }
  })

  it('reads the same frames fed one byte at a time', () => {
    expect(collect([...all].map((b) => Buffer.from([b])))).toEqual(expected)
  })

  it('holds an unfinished frame until its last byte comes', () => {
    const d = new FrameDemuxer()
    const seen: string[] = []
    const f = frame(2, 'partial')
    d.push(f.subarray(0, 10), (_s, p) => seen.push(p.toString()))
    expect(seen).toEqual([])
    expect(d.pendingBytes).toBe(10)
    d.push(f.subarray(10), (_s, p) => seen.push(p.toString()))
    expect(seen).toEqual(['partial'])
  })
})
