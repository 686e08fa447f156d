import { describe, expect, it } from 'vitest'
import type { LogLine } from '../../../src-shared/contract/logs'
import { mergeLogBatches, type SourcedLine } from './merge'

const line = (ms: number, text: string, fraction = '000'): LogLine => ({ time: `2026-11-23T10:00:00.${String(ms).padStart(3, '0')}${fraction}Z`, ms, stream: 'stdout', text })

/** An engine stream stand-in: batches in order, and whether the merge closed it. */
function source(batches: LogLine[][]): { it: AsyncGenerator<LogLine[]>; closed: () => boolean } {
  let closed = false
  async function* gen(): AsyncGenerator<LogLine[]> {
    try {
      for (const b of batches) yield b
    } finally {
      closed = true
    }
  }
  return { it: gen(), closed: () => closed }
}

async function merged(sources: AsyncIterator<LogLine[]>[], runSize?: number): Promise<string[]> {
  const out: SourcedLine[] = []
  await mergeLogBatches(sources, (lines) => void out.push(...lines), runSize)
  return out.map((l) => `${l.source}:${l.line.text}`)
}

describe('merging log streams in time order', () => {
  it('interleaves the sources by engine time, across batch boundaries', async () => {
    const a = source([[line(1, 'a1'), line(4, 'a4')], [], [line(6, 'a6')]])
    const b = source([[line(2, 'b2')], [line(3, 'b3'), line(5, 'b5'), line(9, 'b9')]])
    expect(await merged([a.it, b.it], 2)).toEqual(['0:a1', '1:b2', '1:b3', '0:a4', '1:b5', '0:a6', '1:b9'])
    expect(a.closed() && b.closed()).toBe(true)
  })

  it('orders below the millisecond by the nanoseconds, and keeps the sources’ order on equal times', async () => {
    const a = source([[line(1, 'a-late', '900'), line(2, 'a-same')]])
    const b = source([[line(1, 'b-early', '100'), line(2, 'b-same')]])
    expect(await merged([a.it, b.it])).toEqual(['1:b-early', '0:a-late', '0:a-same', '1:b-same'])
  })

  it('handles empty sources and a single source', async () => {
    expect(await merged([source([]).it, source([[]]).it])).toEqual([])
    expect(await merged([source([[line(1, 'x'), line(2, 'y')]]).it])).toEqual(['0:x', '0:y'])
  })

  it('closes every source when the receiver fails midway', async () => {
    const a = source([[line(1, 'a1')], [line(3, 'a3')]])
    const b = source([[line(2, 'b2')], [line(4, 'b4')]])
    const full = new Error('ENOSPC')
    await expect(
      mergeLogBatches(
        [a.it, b.it],
        () => {
          throw full
        },
        1,
      ),
    ).rejects.toBe(full)
    expect(a.closed() && b.closed()).toBe(true)
  })
})
