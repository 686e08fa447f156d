import { once } from 'node:events'
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
        const onError = (err: Error) => {
          failure ??= err
          res.destroy()
        }
        out.on('error', onError)
        try {
          await readLogStream(res, target.tty, async (lines) => {
            if (failure) throw failure
            const text = formatLines(lines, range.timestamps)
            bytes += Buffer.byteLength(text)
            if (!out.write(text)) await once(out, 'drain')
          })
        } catch (err) {
          throw failure ?? err
        } finally {
          out.off('error', onError)
        }
        if (failure) throw failure
        return bytes
      }, subject(target.id)),
  }
}
