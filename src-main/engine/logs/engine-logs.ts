import type { IncomingMessage } from 'node:http'
import type Docker from 'dockerode'

export interface EngineLogQuery {
  follow: boolean
  stdout: boolean
  stderr: boolean
  tail?: number | 'all'
  /** Unix seconds (`sec.nanos`); the engine refuses other forms. */
  since?: string
  until?: string
}

/**
 * Opens `GET /containers/{id}/logs` as a stream, always with timestamps. (dockerode's
 * `logs()` buffers the whole answer in memory unless following; a log can be gigabytes.)
 */
export function openEngineLogs(docker: Docker, id: string, q: EngineLogQuery): Promise<IncomingMessage> {
  const options: Record<string, string | number | boolean> = { follow: q.follow, stdout: q.stdout, stderr: q.stderr, timestamps: true }
  if (q.tail !== undefined) options.tail = q.tail
  if (q.since !== undefined) options.since = q.since
  if (q.until !== undefined) options.until = q.until
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: `/containers/${encodeURIComponent(id)}/logs?`,
        method: 'GET',
        isStream: true,
        statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
        options,
      } as Parameters<Docker['modem']['dial']>[0],
      (err, stream) => (err ? reject(err) : resolve(stream as IncomingMessage)),
    )
  })
}

/** What the log reader needs to know about a container before it opens its logs. */
export interface LogTarget {
  id: string
  name: string
  tty: boolean
  running: boolean
  startedAt: string
  finishedAt: string
}

export async function inspectLogTarget(docker: Docker, ref: string): Promise<LogTarget> {
  const info = await docker.getContainer(ref).inspect()
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    tty: info.Config?.Tty === true,
    running: info.State?.Running === true,
    startedAt: info.State?.StartedAt ?? '',
    finishedAt: info.State?.FinishedAt ?? '',
  }
}
