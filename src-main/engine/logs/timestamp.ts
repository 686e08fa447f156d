/** An instant as the engine writes it, exact to the nanosecond (a double of seconds is not). */
export interface EngineInstant {
  /** Whole seconds since the epoch. */
  sec: number
  /** 0 … 999,999,999 */
  nanos: number
}

export interface ParsedTime extends EngineInstant {
  ms: number
}

const PREFIX = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/
const ZONE = /^([+-])(\d{2}):(\d{2})$/

// Log lines come in runs with the same second; its epoch value is worked out once per run.
let cachedPrefix = ''
let cachedSec = 0

function prefixSeconds(prefix: string): number | null {
  if (prefix === cachedPrefix) return cachedSec
  const m = PREFIX.exec(prefix)
  if (!m) return null
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)
  if (Number.isNaN(ms)) return null
  cachedPrefix = prefix
  cachedSec = ms / 1000
  return cachedSec
}

/**
 * Parses RFC 3339 with an optional fraction of up to 9 digits and a `Z` or ±hh:mm zone, as the
 * engine writes log timestamps (`2026-11-23T17:04:00.910008322Z`). Null when it is not one.
 */
export function parseEngineTime(s: string): ParsedTime | null {
  if (s.length < 20 || s.charCodeAt(10) !== 84 /* T */) return null
  // Hot path (every log line): no substrings unless the second changed.
  const base = cachedPrefix && s.startsWith(cachedPrefix) ? cachedSec : prefixSeconds(s.slice(0, 19))
  if (base === null) return null
  let at = 19
  let nanos = 0
  if (s.charCodeAt(at) === 46 /* . */) {
    let digits = 0
    at++
    for (; at < s.length; at++) {
      const c = s.charCodeAt(at)
      if (c < 48 || c > 57) break
      if (++digits > 9) return null
      nanos = nanos * 10 + (c - 48)
    }
    if (digits === 0) return null
    nanos *= 10 ** (9 - digits)
  }
  let offset = 0
  const last = s.charCodeAt(at)
  if (!((last === 90 || last === 122) /* Z z */ && at === s.length - 1)) {
    const m = ZONE.exec(s.slice(at))
    if (!m) return null
    offset = (m[1] === '-' ? -1 : 1) * (+m[2]! * 3600 + +m[3]! * 60)
  }
  const sec = base - offset
  return { sec, nanos, ms: sec * 1000 + Math.floor(nanos / 1e6) }
}

export function compareInstants(a: EngineInstant, b: EngineInstant): number {
  return a.sec - b.sec || a.nanos - b.nanos
}

/** `seconds.nanoseconds`, the form the Engine API takes for `since` and `until`. */
export function formatUnix(t: EngineInstant): string {
  return `${t.sec}.${String(t.nanos).padStart(9, '0')}`
}
