import { describe, expect, it } from 'vitest'
import type { LogLine } from '../../../src-shared/contract/logs'
import { LogParser } from './parser'

const T1 = '2026-11-23T17:04:00.910008322Z'
const T2 = '2026-11-23T17:04:01.000000001Z'
const T3 = '2026-11-23T17:04:02.5Z'

function frame(stream: 1 | 2, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload
  const header = Buffer.alloc(8)
  header[0] = stream
  header.writeUInt32BE(body.length, 4)
  return Buffer.concat([header, body])
}

function parse(tty: boolean, chunks: Buffer[]): LogLine[] {
  const p = new LogParser(tty)
  return [...chunks.flatMap((c) => p.push(c)), ...p.end()]
}

const ms = (t: string) => Date.parse(t)

describe('LogParser, multiplexed (no TTY)', () => {
  const stream = Buffer.concat([frame(1, `${T1} hello 한국어\n`), frame(2, `${T2} oops 😀\n`), frame(1, `${T3} bye\r\n`)])
  const expected: LogLine[] = [
    { time: T1, ms: ms(T1), stream: 'stdout', text: 'hello 한국어' },
    { time: T2, ms: ms(T2), stream: 'stderr', text: 'oops 😀' },
    { time: T3, ms: ms(T3), stream: 'stdout', text: 'bye' },
  ]

  it('tells stdout from stderr and takes each line’s timestamp', () => {
    expect(parse(false, [stream])).toEqual(expected)
  })

  it('gives the same lines however the chunks cut headers, timestamps and characters', () => {
    for (let i = 0; i <= stream.length; i++) expect(parse(false, [stream.subarray(0, i), stream.subarray(i)])).toEqual(expected)
  })

  it('joins a message the engine split into two frames, mid-character, dropping the second timestamp', () => {
    const text = Buffer.from('긴 줄 🚀 끝')
    for (let cut = 1; cut < text.length; cut++) {
      const frames = Buffer.concat([
        frame(1, Buffer.concat([Buffer.from(`${T1} `), text.subarray(0, cut)])),
        frame(2, `${T2} err\n`),
        frame(1, Buffer.concat([Buffer.from(`${T2} `), text.subarray(cut), Buffer.from('\n')])),
      ])
      expect(parse(false, [frames])).toEqual([
        { time: T2, ms: ms(T2), stream: 'stderr', text: 'err' },
        { time: T1, ms: ms(T1), stream: 'stdout', text: '긴 줄 🚀 끝' },
      ])
    }
  })

  it('keeps a line without a timestamp as text', () => {
    expect(parse(false, [frame(1, 'no stamp here\n')])).toEqual([{ time: '', ms: 0, stream: 'stdout', text: 'no stamp here' }])
  })

  it('gives a partial last line when the stream ends', () => {
    expect(parse(false, [frame(1, `${T1} no newline`)])).toEqual([{ time: T1, ms: ms(T1), stream: 'stdout', text: 'no newline' }])
  })
})

describe('LogParser, raw (TTY)', () => {
  const raw = Buffer.from(`${T1} prompt$ 한국어\r\n${T2} 😀 \x1b[31mred\x1b[0m\r\n${T3} progress\r50%\r\n`)
  const expected: LogLine[] = [
    { time: T1, ms: ms(T1), stream: 'stdout', text: 'prompt$ 한국어' },
    { time: T2, ms: ms(T2), stream: 'stdout', text: '😀 \x1b[31mred\x1b[0m' },
    { time: T3, ms: ms(T3), stream: 'stdout', text: 'progress\r50%' },
  ]

  it('reads the timestamp at the start of each line; everything is stdout', () => {
    expect(parse(true, [raw])).toEqual(expected)
  })

  it('gives the same lines at every split position', () => {
    for (let i = 0; i <= raw.length; i++) expect(parse(true, [raw.subarray(0, i), raw.subarray(i)])).toEqual(expected)
  })
})
