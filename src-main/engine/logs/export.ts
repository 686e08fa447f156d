import type { Writable } from 'node:stream'
import type { LogLine } from '../../../src-shared/contract/logs'
import type { ExportFile } from '../../exports/target'
import type { EngineConnection } from '../connection'
import { openEngineLogs, type LogTarget } from './engine-logs'
import { readLogStream } from './reader'
import { subject } from './source'

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

/** A container's log range read from the engine and written as text, waiting whenever `out` is full. */
export function logExportFile(conn: EngineConnection, target: LogTarget, range: LogExportRange, at: Date): ExportFile {
  return {
    suggestedName: exportFileName(target.name, at),
    writeTo: (out: Writable) =>
      conn.run(async (d) => {
        const res = await openEngineLogs(d, target.id, { follow: false, stdout: range.stdout, stderr: range.stderr, since: range.since, until: range.until })
        let bytes = 0
        let failure: Error | null = null
        // The receiver failed (disk full) or went away (a download cancelled): stop reading the engine.
        const onError = (err: Error) => {
          failure ??= err
          res.destroy()
        }
        const onClose = () => onError(new Error('the receiver closed before the export was complete'))
        out.on('error', onError)
        out.on('close', onClose)
        try {
          await readLogStream(res, target.tty, async (lines) => {
            if (failure) throw failure
            const text = formatLines(lines, range.timestamps)
            bytes += Buffer.byteLength(text)
            if (!out.write(text)) await drained(out)
          })
        } catch (err) {
          throw failure ?? err
        } finally {
          out.off('error', onError)
          out.off('close', onClose)
        }
        if (failure) throw failure
        return bytes
      }, subject(target.id)),
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
