import type { IncomingMessage } from 'node:http'
import type { Writable } from 'node:stream'
import type { LogLine } from '../../../src-shared/contract/logs'
import type { ExportFile } from '../../exports/target'
import type { EngineConnection } from '../connection'
import { openEngineLogs, type EngineLogQuery, type LogTarget } from './engine-logs'
import { mergeLogBatches, type SourcedLine } from './merge'
import { logBatches, readLogStream } from './reader'
import { subject } from '../subject'

export interface LogExportRange {
  stdout: boolean
  stderr: boolean
  /** Unix seconds, already resolved (a relative `15m` means 15 minutes before the request). */
  since?: string
  until?: string
  timestamps: boolean
}

/** `<container>-<local date>.log`, with only characters every file system accepts. */
export function exportFileName(container: string, at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  const safe = container.replace(/[^\w.-]+/g, '_') || 'container'
  return `${safe}-${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}.log`
}

export function formatLines(lines: LogLine[], timestamps: boolean): string {
  let out = ''
  for (const l of lines) out += timestamps && l.time ? `${l.time} ${l.text}\n` : `${l.text}\n`
  return out
}

/** The merged log's file: `logs-<first container>-and-<n> more-<local date>.log`. */
export function mergedFileName(containers: readonly string[], at: Date): string {
  const first = containers[0] ?? 'containers'
  return exportFileName(containers.length > 1 ? `logs-${first}-and-${containers.length - 1}-more` : first, at)
}

/** Merged lines as `name | text` (names padded to one width, as `docker compose logs` does), the engine time after the bar when asked. */
export function formatMergedLines(lines: readonly SourcedLine[], names: readonly string[], timestamps: boolean): string {
  const width = Math.max(0, ...names.map((n) => n.length))
  let out = ''
  for (const { source, line } of lines) {
    const name = (names[source] ?? '').padEnd(width)
    out += timestamps && line.time ? `${name} | ${line.time} ${line.text}\n` : `${name} | ${line.text}\n`
  }
  return out
}

/** A container's log range read from the engine and written as text, waiting whenever `out` is full. */
export function logExportFile(conn: EngineConnection, target: LogTarget, range: LogExportRange, at: Date): ExportFile {
  return {
    suggestedName: exportFileName(target.name, at),
    writeTo: (out: Writable) =>
      conn.run(
        async (d) => {
          const res = await openEngineLogs(d, target.id, engineQuery(range))
          const receiver = watchReceiver(out, () => res.destroy())
          try {
            await readLogStream(res, target.tty, (lines) => receiver.write(formatLines(lines, range.timestamps)))
          } catch (err) {
            throw receiver.failure ?? err
          } finally {
            receiver.stop()
          }
          if (receiver.failure) throw receiver.failure
          return receiver.bytes
        },
        subject('container', target.id),
      ),
  }
}

/**
 * Several containers' log ranges read from the engine at once and written merged in time order,
 * each line prefixed with its container's name. Reads no further ahead than one batch per container.
 */
export function mergedExportFile(conn: EngineConnection, targets: readonly LogTarget[], range: LogExportRange, at: Date): ExportFile {
  const names = targets.map((t) => t.name)
  return {
    suggestedName: mergedFileName(names, at),
    writeTo: (out: Writable) =>
      conn.run(async (d) => {
        const streams: IncomingMessage[] = []
        const receiver = watchReceiver(out, () => streams.forEach((s) => s.destroy()))
        try {
          for (const t of targets) streams.push(await openEngineLogs(d, t.id, engineQuery(range)))
          const sources = streams.map((res, k) => logBatches(res, (targets[k] as LogTarget).tty))
          await mergeLogBatches(sources, (lines) => receiver.write(formatMergedLines(lines, names, range.timestamps)))
        } catch (err) {
          throw receiver.failure ?? err
        } finally {
          receiver.stop()
          for (const s of streams) s.destroy()
        }
        if (receiver.failure) throw receiver.failure
        return receiver.bytes
      }),
  }
}

function engineQuery(range: LogExportRange): EngineLogQuery {
  return { follow: false, stdout: range.stdout, stderr: range.stderr, since: range.since, until: range.until }
}

/**
 * Writes to `out`, waiting when it is full, and counts the bytes. When the receiver fails (disk
 * full) or goes away (a download cancelled), `failure` is set and `abort` stops the reading.
 */
function watchReceiver(out: Writable, abort: () => void): { write(text: string): Promise<void>; stop(): void; readonly failure: Error | null; readonly bytes: number } {
  let failure: Error | null = null
  let bytes = 0
  const onError = (err: Error) => {
    failure ??= err
    abort()
  }
  const onClose = () => onError(new Error('the receiver closed before the export was complete'))
  out.on('error', onError)
  out.on('close', onClose)
  return {
    async write(text) {
      if (failure) throw failure
      bytes += Buffer.byteLength(text)
      if (!out.write(text)) await drained(out)
    },
    stop() {
      out.off('error', onError)
      out.off('close', onClose)
    },
    get failure() {
      return failure
    },
    get bytes() {
      return bytes
    },
  }
}

/** Resolves when `out` can take more; rejects when it fails or closes first. */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (err?: Error) => {
      out.off('drain', onDrain)
      out.off('error', onFail)
      out.off('close', onClosed)
      if (err) reject(err)
      else resolve()
    }
    const onDrain = () => settle()
    const onFail = (err: Error) => settle(err)
    const onClosed = () => settle(new Error('the receiver closed before the export was complete'))
    out.on('drain', onDrain)
    out.on('error', onFail)
    out.on('close', onClosed)
  })
}
