import type { LogExportResult, LogLine, LogMessage } from '../../../src-shared/contract/logs'
import type { ExportTarget } from '../../exports/target'
import type { StreamSource } from '../../streams/registry'
import { inspectLogTarget } from './engine-logs'
import { logExportFile, mergedExportFile, type LogExportRange } from './export'
import { readLogPage, type LogPageParams } from './read'
import { toEngineTime } from './since'
import { subject } from '../subject'
import { badTime, logsSource, type LogSourceDeps, type LogSourceParams } from './source'

export interface LogExportParams {
  id: string
  since?: string
  until?: string
  stdout: boolean
  stderr: boolean
  timestamps: boolean
}

export type LogMergedExportParams = Omit<LogExportParams, 'id'> & { ids: string[] }

/** Container logs: the followed stream, pages of history, and exports. */
export class LogService {
  constructor(private readonly deps: LogSourceDeps) {}

  source(params: LogSourceParams): StreamSource<LogMessage> {
    return logsSource(this.deps, params)
  }

  read(params: LogPageParams): Promise<LogLine[]> {
    return readLogPage(this.deps.conn, params, this.now())
  }

  /** Resolves the range now (so `15m` means before this request), then hands the file to the target. */
  async export(p: LogExportParams, target: ExportTarget): Promise<LogExportResult> {
    const now = this.now()
    const range = this.resolveRange(p, now)
    const info = await this.deps.conn.run((d) => inspectLogTarget(d, p.id), subject('container', p.id))
    return target.deliver(logExportFile(this.deps.conn, info, range, new Date(now)))
  }

  /** The merged view's export: every container's range, merged in time order with name prefixes. */
  async exportMerged(p: LogMergedExportParams, target: ExportTarget): Promise<LogExportResult> {
    const now = this.now()
    const range = this.resolveRange(p, now)
    const infos = await Promise.all(p.ids.map((id) => this.deps.conn.run((d) => inspectLogTarget(d, id), subject('container', id))))
    return target.deliver(mergedExportFile(this.deps.conn, infos, range, new Date(now)))
  }

  private resolveRange(p: Omit<LogExportParams, 'id'>, now: number): LogExportRange {
    const since = p.since !== undefined ? toEngineTime(p.since, now) : undefined
    const until = p.until !== undefined ? toEngineTime(p.until, now) : undefined
    if (since === null) throw badTime(p.since!)
    if (until === null) throw badTime(p.until!)
    return { stdout: p.stdout, stderr: p.stderr, since, until, timestamps: p.timestamps }
  }

  private now(): number {
    return (this.deps.now ?? Date.now)()
  }
}
