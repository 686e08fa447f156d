import { api } from '../../api'

export interface LogExportOptions {
  since: string | undefined
  until: string | undefined
  stdout: boolean
  stderr: boolean
  timestamps: boolean
}

/** One container's log as it is; several, merged in time order by main with their names in front. */
export function exportLogs(ids: string[], opts: LogExportOptions) {
  return ids.length === 1 ? api().invoke('logs:export', { id: ids[0] as string, ...opts }) : api().invoke('logs:export-merged', { ids, ...opts })
}
