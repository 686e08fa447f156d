import type { LogLine } from '../../../src-shared/contract'
import { plainText } from '../../shared/ansi'

/** A marker between lines: the container restarted or stopped, the engine went away or came back, or lines were skipped to keep up (`after` that time). */
export type LogEvent = 'restarted' | 'stopped' | 'disconnected' | 'reconnected' | 'skipped'

/** What a log view holds per row: a line, or a marker put between lines. */
export type LogEntry = (LogLine & { kind: 'line'; plain: string; source: number }) | { kind: 'event'; event: LogEvent; time: string; ms: number; stream: 'event'; plain: ''; source: number }

// One literal of a fixed shape per line (no spread): a flood makes tens of thousands a second.
export function lineEntry(line: LogLine, source: number): LogEntry {
  return { kind: 'line', time: line.time, ms: line.ms, stream: line.stream, text: line.text, plain: plainText(line.text), source }
}

export function eventEntry(event: LogEvent, time: string, source: number): LogEntry {
  const ms = Date.parse(time)
  return { kind: 'event', event, time, ms: Number.isNaN(ms) ? Date.now() : ms, stream: 'event', plain: '', source }
}

/** An older page may repeat lines at the oldest time already shown: leave those out. */
export function olderThan(page: readonly LogEntry[], shown: readonly LogEntry[]): LogEntry[] {
  const oldest = shown[0]
  if (!oldest) return [...page]
  const sameTime = new Set(shown.filter((e) => e.time === oldest.time).map((e) => `${e.source}\u0000${e.stream}\u0000${e.plain}`))
  return page.filter((e) => e.ms < oldest.ms || (e.ms === oldest.ms && !(e.time === oldest.time && sameTime.has(`${e.source}\u0000${e.stream}\u0000${e.plain}`))))
}
