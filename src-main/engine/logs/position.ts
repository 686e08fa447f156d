import type { LogLine } from '../../../src-shared/contract/logs'
import { compareInstants, parseEngineTime, type EngineInstant } from './timestamp'

/** Where a followed log is: its last line taken, and how many lines taken carry exactly that time. */
export interface LogPosition {
  /** The last line's engine time as the engine wrote it ('' before any line). */
  time: string
  instant: EngineInstant | null
  atTime: number
}

export const NO_POSITION: LogPosition = { time: '', instant: null, atTime: 0 }

/** The position after these lines. */
export function advance(position: LogPosition, lines: readonly LogLine[]): LogPosition {
  let i = lines.length - 1
  const t = lines[i]?.time
  if (!t) return position
  while (i > 0 && lines[i - 1]!.time === t) i--
  const trailing = lines.length - i
  if (t !== position.time) return { time: t, instant: parseEngineTime(t), atTime: trailing }
  // Lines with one time can span batches: the run goes on only if these lines are all of that time.
  return { ...position, atTime: i === 0 ? position.atTime + trailing : trailing }
}

/** After a reopen, the engine sends again the lines up to `after`: `atAfter` of those at exactly `after` were taken already. */
export interface Skip {
  after: EngineInstant
  atAfter: number
}

/** What a stream reopened from this position sends again, to skip; null before any line. */
export function skipFrom(position: LogPosition): Skip | null {
  return position.instant ? { after: position.instant, atAfter: position.atTime } : null
}

/** Drops the lines taken before; the skip stays in force until the first line not seen (then null). */
export function unseen(lines: LogLine[], skip: Skip | null): { lines: LogLine[]; skip: Skip | null } {
  if (!skip) return { lines, skip }
  let atAfter = skip.atAfter
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const t = line.time ? parseEngineTime(line.time) : null
    if (!t) continue
    const c = compareInstants(t, skip.after)
    if (c < 0) continue
    if (c === 0 && atAfter > 0) {
      atAfter--
      continue
    }
    return { lines: i === 0 ? lines : lines.slice(i), skip: null }
  }
  return { lines: [], skip: { after: skip.after, atAfter } }
}
