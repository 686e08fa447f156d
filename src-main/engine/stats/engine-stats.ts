import type { IncomingMessage } from 'node:http'
import type Docker from 'dockerode'
import type { StatsLimits } from '../../../src-shared/contract/stats'
import { limitsOf, type HostConfigLimits } from './limits'
import type { EngineStats } from './raw'

/** Opens `GET /containers/{id}/stats?stream=true`: one JSON document a second until closed. */
export function openStatsStream(docker: Docker, id: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: `/containers/${encodeURIComponent(id)}/stats?`,
        method: 'GET',
        isStream: true,
        statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
        options: { stream: true },
      } as Parameters<Docker['modem']['dial']>[0],
      (err, stream) => (err ? reject(err) : resolve(stream as IncomingMessage)),
    )
  })
}

/** One sample without waiting for a second one (`one-shot`, API ≥ 1.41): CPU comes from Berth's previous sample. */
export function readStatsOnce(docker: Docker, id: string): Promise<EngineStats> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: `/containers/${encodeURIComponent(id)}/stats?`,
        method: 'GET',
        statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
        options: { stream: false, 'one-shot': true },
      } as Parameters<Docker['modem']['dial']>[0],
      (err, data) => (err ? reject(err) : resolve(data as EngineStats)),
    )
  })
}

/** What the stats sampler needs to know about a container. */
export interface StatsTarget {
  id: string
  running: boolean
  limits: StatsLimits
}

export async function inspectStatsTarget(docker: Docker, ref: string): Promise<StatsTarget> {
  const info = await docker.getContainer(ref).inspect()
  return {
    id: info.Id,
    // A paused container still answers stats (its CPU stays flat), so it counts as running here.
    running: info.State?.Running === true,
    limits: limitsOf(info.HostConfig as HostConfigLimits | undefined),
  }
}
