import { formatUnix, parseEngineTime, type EngineInstant } from './timestamp'

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }
const RELATIVE = /^(\d+)(ms|s|m|h|d)$/
const UNIX = /^(\d+)(?:\.(\d{1,9}))?$/
const NO_SECONDS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(Z|z|[+-]\d{2}:\d{2})$/

/**
 * Turns a `since`/`until` as the contract allows it (15m, 2h, 1d; RFC 3339; unix seconds) into
 * an exact instant. Relative values count back from `nowMs`. The engine itself only takes unix
 * seconds: it answers RFC 3339 with a 400.
 */
export function toInstant(value: string, nowMs: number): EngineInstant | null {
  const v = value.trim()
  const rel = RELATIVE.exec(v)
  if (rel) {
    const at = nowMs - Number(rel[1]) * UNIT_MS[rel[2]!]!
    const sec = Math.floor(at / 1000)
    return { sec, nanos: Math.round((at - sec * 1000) * 1e6) }
  }
  const unix = UNIX.exec(v)
  if (unix) return { sec: Number(unix[1]), nanos: unix[2] ? Number(unix[2].padEnd(9, '0')) : 0 }
  const short = NO_SECONDS.exec(v)
  const parsed = parseEngineTime(short ? `${short[1]}:00${short[2]}` : v)
  return parsed ? { sec: parsed.sec, nanos: parsed.nanos } : null
}

/** The same, written as the Engine API's `since`/`until` query value. */
export function toEngineTime(value: string, nowMs: number): string | null {
  const t = toInstant(value, nowMs)
  return t ? formatUnix(t) : null
}
