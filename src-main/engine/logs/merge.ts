import type { LogLine } from '../../../src-shared/contract/logs'
import { compareTimed } from '../../../src-shared/log-order'

/** A line of a merged log and the index of the source it came from. */
export interface SourcedLine {
  source: number
  line: LogLine
}

/**
 * A k-way merge of several log streams, each already in time order, read batch by batch: only
 * one batch per source is held at a time, so a merged export of gigabytes stays small. Equal
 * times keep the sources' order. `emit` gets the merged lines in runs and may wait (a file that
 * must drain); reading waits for it. Every source is closed however this ends.
 */
export async function mergeLogBatches(sources: AsyncIterator<LogLine[]>[], emit: (lines: SourcedLine[]) => Promise<void> | void, runSize = 2000): Promise<void> {
  const heads: (LogLine[] | null)[] = sources.map(() => null)
  const pos = sources.map(() => 0)
  // The next batch of source k, or null when it has ended.
  const refill = async (k: number): Promise<void> => {
    for (;;) {
      const r = await (sources[k] as AsyncIterator<LogLine[]>).next()
      if (r.done) {
        heads[k] = null
        return
      }
      if (r.value.length > 0) {
        heads[k] = r.value
        pos[k] = 0
        return
      }
    }
  }
  try {
    await Promise.all(sources.map((_, k) => refill(k)))
    let run: SourcedLine[] = []
    for (;;) {
      let best = -1
      let bestLine: LogLine | undefined
      for (let k = 0; k < heads.length; k++) {
        const head = heads[k]
        if (!head) continue
        const line = head[pos[k] as number] as LogLine
        if (bestLine === undefined || compareTimed(line, bestLine) < 0) {
          best = k
          bestLine = line
        }
      }
      if (best < 0 || bestLine === undefined) break
      run.push({ source: best, line: bestLine })
      pos[best] = (pos[best] as number) + 1
      if ((pos[best] as number) >= (heads[best] as LogLine[]).length) await refill(best)
      if (run.length >= runSize) {
        await emit(run)
        run = []
      }
    }
    if (run.length > 0) await emit(run)
  } finally {
    await Promise.allSettled(sources.map((s) => s.return?.()))
  }
}
