import { z } from 'zod'
import { objectRef } from './common'
import { request, topic } from './define'

export type LogStream = 'stdout' | 'stderr'

/** One log line as the engine gave it. The text keeps its ANSI escapes; the renderer parses them. */
export interface LogLine {
  /** The engine's RFC3339Nano timestamp, as text: nanoseconds do not fit a double. */
  time: string
  /** The same instant in epoch milliseconds, for ordering and display. */
  ms: number
  stream: LogStream
  text: string
}

export type LogMessage =
  /** Lines in engine order, batched by time or count, never one message per line. */
  | { kind: 'lines'; lines: LogLine[] }
  /**
   * While following: the container started again (a divider in the view) or stopped; the engine went
   * away (the log waits) or answers again (it carries on from the last line sent, none twice).
   */
  | { kind: 'lifecycle'; event: 'restarted' | 'stopped' | 'disconnected' | 'reconnected'; time: string }
  /**
   * While following: the log was written faster than it could be shown, so the stream jumped to
   * its newest lines; lines after `after` (the last line sent) up to the next one were left out
   * of the view (an export still reads them all).
   */
  | { kind: 'skipped'; after: string }
  /** Not following, or the container is gone: nothing more will come. */
  | { kind: 'done'; reason: 'complete' | 'removed' }

/** Where an export went: a file the user picked (Electron), nowhere (cancelled), or a one-time download link (browser mode, relative to the page). */
export type LogExportResult = { kind: 'saved'; path: string; bytes: number } | { kind: 'cancelled' } | { kind: 'download'; url: string }

// 15m, 2h, 30s, 1d; RFC3339 (2026-11-23T10:00:00Z, with optional fraction and offset); unix seconds.
const LOG_TIME_PATTERN = /^(\d{1,6}(ms|s|m|h|d)|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})|\d{1,12}(\.\d{1,9})?)$/
const logTime = z.string().trim().max(40).regex(LOG_TIME_PATTERN, 'must be like 15m, 2h, an RFC 3339 time or unix seconds')

/** Largest tail a view may ask for at once; more history comes page by page. */
export const LOG_TAIL_MAX = 100_000

const rangeFields = {
  since: logTime.optional(),
  until: logTime.optional(),
  stdout: z.boolean().default(true),
  stderr: z.boolean().default(true),
}
const logRange = { id: objectRef, ...rangeFields }

/** Most containers one merged export reads at once (one engine stream each). */
const LOG_MERGE_MAX = 32

export const logRequests = {
  /** A page of history (no follow): the last `tail` lines before `until`. Used to load older lines. */
  'logs:read': request<LogLine[]>()(z.strictObject({ ...logRange, tail: z.number().int().min(1).max(LOG_TAIL_MAX) })),
  /** The whole range, read again from the engine (not from any view), to a file or a download. `timestamps` prefixes each line with its engine time. */
  'logs:export': request<LogExportResult>()(z.strictObject({ ...logRange, timestamps: z.boolean().default(false) })),
  /** Several containers' whole ranges, read again from the engine and merged in time order, each line prefixed with its container's name (the merged Logs view's export). */
  'logs:export-merged': request<LogExportResult>()(z.strictObject({ ...rangeFields, ids: z.array(objectRef).min(1).max(LOG_MERGE_MAX), timestamps: z.boolean().default(false) })),
}

export const logTopics = {
  /** The last `tail` lines (or all from `since`), then new lines while following. */
  'logs:lines': topic<LogMessage>()(z.strictObject({ ...logRange, tail: z.union([z.number().int().min(0).max(LOG_TAIL_MAX), z.literal('all')]).default(1000), follow: z.boolean().default(true) })),
}
