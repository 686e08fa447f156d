// Timestamps in the log view, and the since/until a person types.

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** "2026-11-23 10:00:01.234" in local time, or the engine's own RFC 3339 text in UTC. */
export function formatLogTime(line: { ms: number; time: string }, utc: boolean): string {
  if (utc) return line.time
  const d = new Date(line.ms)
  if (Number.isNaN(d.getTime())) return line.time
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

const RELATIVE = /^\d{1,6}(ms|s|m|h|d)$/
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/
const UNIX = /^\d{1,12}(\.\d{1,9})?$/
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/

export type TimeInput = { ok: true; value: string | undefined } | { ok: false }

/**
 * What the engine gets for a since/until field: nothing for an empty field; 15m, 2h, 30s, 1d,
 * RFC 3339 or unix seconds as typed; a date with an optional time without a zone ("2026-11-23
 * 10:00") read as local time.
 */
export function parseLogTimeInput(input: string): TimeInput {
  const s = input.trim()
  if (s === '') return { ok: true, value: undefined }
  if (RELATIVE.test(s) || RFC3339.test(s) || UNIX.test(s)) return { ok: true, value: s }
  const m = LOCAL.exec(s)
  if (!m) return { ok: false }
  const [, y, mo, d, h, mi, sec] = m.map((x) => (x === undefined ? 0 : Number(x))) as number[]
  const date = new Date(y as number, (mo as number) - 1, d, h, mi, sec)
  if (date.getMonth() !== (mo as number) - 1 || (h as number) > 23 || (mi as number) > 59 || (sec as number) > 59) return { ok: false }
  return { ok: true, value: date.toISOString().replace(/\.000Z$/, 'Z') }
}
