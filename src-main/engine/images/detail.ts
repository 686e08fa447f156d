import type Docker from 'dockerode'
import type { ImageDetail, ImageHistoryRow, ImageUser } from '../../../src-shared/contract/images'
import { realTags } from './rows'

// The instruction the engine records for steps that add no filesystem layer.
const EMPTY_STEP = /^\/bin\/sh -c #\(nop\) /

interface RawHistory {
  Id: string
  Created: number
  CreatedBy: string
  Size: number
  Comment: string
  Tags: string[] | null
}

/** `#(nop)` steps read as the Dockerfile line they were; RUN steps lose the shell prefix. */
export function readableStep(createdBy: string): string {
  return createdBy
    .replace(EMPTY_STEP, '')
    .replace(/^\/bin\/sh -c /, 'RUN ')
    .trim()
}

export function toHistory(raw: readonly RawHistory[]): ImageHistoryRow[] {
  return raw.map((h) => ({
    id: h.Id && h.Id !== '<missing>' ? h.Id : null,
    created: h.Created,
    createdBy: readableStep(h.CreatedBy ?? ''),
    size: h.Size,
    // A zero-byte step is one that made no layer (ENV, CMD…), whether or not it is marked #(nop).
    empty: h.Size === 0,
    comment: h.Comment ?? '',
    tags: realTags(h.Tags),
  }))
}

/** The image detail screen's model from inspect, history and the containers that use it. */
export function toImageDetail(info: Docker.ImageInspectInfo, history: readonly RawHistory[], users: ImageUser[]): ImageDetail {
  const c = (info.Config ?? {}) as Partial<Docker.ImageInspectInfo['Config']> & { StopSignal?: string }
  const variant = (info as { Variant?: string }).Variant
  return {
    id: info.Id,
    repoTags: realTags(info.RepoTags),
    repoDigests: info.RepoDigests ?? [],
    created: info.Created,
    size: info.Size,
    os: info.Os,
    architecture: info.Architecture,
    variant: variant ?? null,
    author: info.Author ?? '',
    dockerVersion: info.DockerVersion ?? '',
    config: {
      entrypoint: normaliseArgv(c.Entrypoint),
      cmd: normaliseArgv(c.Cmd),
      env: c.Env ?? [],
      exposedPorts: Object.keys(c.ExposedPorts ?? {}).sort(),
      workingDir: c.WorkingDir ?? '',
      user: c.User ?? '',
      labels: c.Labels ?? {},
      volumes: Object.keys(c.Volumes ?? {}).sort(),
      stopSignal: c.StopSignal ?? null,
    },
    history: toHistory(history),
    containers: users,
  }
}

function normaliseArgv(v: string | string[] | null | undefined): string[] | null {
  if (v === null || v === undefined) return null
  return Array.isArray(v) ? v : [v]
}
