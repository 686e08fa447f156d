import type { LogLine } from '../../../src-shared/contract/logs'
import type { EngineConnection } from '../connection'
import { inspectLogTarget, openEngineLogs } from './engine-logs'
import { readLogStream } from './reader'
import { subject } from '../subject'
import { badTime } from './source'
import { toInstant } from './since'
import { compareInstants, formatUnix, parseEngineTime } from './timestamp'

export interface LogPageParams {
  id: string
  since?: string
  until?: string
  stdout: boolean
  stderr: boolean
  tail: number
}

/**
 * A page of history: the last `tail` lines strictly before `until` (or the newest lines when
 * there is no `until`). The engine applies `tail` before `until`, so with `until` the range
 * is read from its start and only the last `tail` lines are kept.
 */
export async function readLogPage(conn: EngineConnection, p: LogPageParams, now: number): Promise<LogLine[]> {
  const since = p.since !== undefined ? toInstant(p.since, now) : null
  const until = p.until !== undefined ? toInstant(p.until, now) : null
  if (p.since !== undefined && !since) throw badTime(p.since)
  if (p.until !== undefined && !until) throw badTime(p.until)
  return conn.run(
    async (d) => {
      const target = await inspectLogTarget(d, p.id)
      const res = await openEngineLogs(d, target.id, {
        follow: false,
        stdout: p.stdout,
        stderr: p.stderr,
        ...(until ? { until: formatUnix(until) } : { tail: p.tail }),
        ...(since ? { since: formatUnix(since) } : {}),
      })
      // The engine includes lines at exactly `until`; a page ends before it (that line is already shown).
      const untilMs = until ? until.sec * 1000 + Math.floor(until.nanos / 1e6) : Infinity
      const before = (l: LogLine) => {
        if (l.ms < untilMs || !until) return true
        const t = parseEngineTime(l.time)
        return !t || compareInstants(t, until) < 0
      }
      let kept: LogLine[] = []
      await readLogStream(res, target.tty, (lines) => {
        for (const l of lines) if (before(l)) kept.push(l)
        if (kept.length > 2 * p.tail) kept = kept.slice(-p.tail)
      })
      return kept.length > p.tail ? kept.slice(-p.tail) : kept
    },
    subject('container', p.id),
  )
}
