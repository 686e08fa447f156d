import type Docker from 'dockerode'
import type { z } from 'zod'
import type { runParams } from '../../../src-shared/contract/run'
import { nanoCpus } from '../../../src-shared/run/values'

export type RunRequest = z.output<typeof runParams>

/**
 * The Engine API body for `POST /containers/create`, as `docker run -d` would send it for the
 * same flags: ports exposed and bound, `-v` as Binds (a missing host directory is created, as
 * the CLI does), limits as NanoCpus/Memory (cgroup limits), -it as Tty + OpenStdin.
 */
export function createOptions(p: RunRequest): Docker.ContainerCreateOptions {
  const exposed: Record<string, object> = {}
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {}
  for (const port of p.ports) {
    const key = `${port.containerPort}/${port.protocol}`
    exposed[key] = {}
    ;(bindings[key] ??= []).push({ HostIp: port.hostIp ?? '', HostPort: port.hostPort === undefined ? '' : String(port.hostPort) })
  }
  const hostConfig: Docker.HostConfig = {
    PortBindings: bindings,
    Binds: p.mounts.map((m) => `${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`),
    RestartPolicy: { Name: p.restart.policy === 'no' ? '' : p.restart.policy, MaximumRetryCount: p.restart.maxRetries ?? 0 },
    AutoRemove: p.autoRemove,
  }
  if (p.network) hostConfig.NetworkMode = p.network
  if (p.cpus !== undefined) hostConfig.NanoCpus = nanoCpus(p.cpus)
  if (p.memoryBytes !== undefined) hostConfig.Memory = p.memoryBytes

  const options: Docker.ContainerCreateOptions = {
    Image: p.image,
    Env: p.env.map((e) => `${e.key}=${e.value}`),
    Labels: Object.fromEntries(p.labels.map((l) => [l.key, l.value])),
    ExposedPorts: exposed,
    HostConfig: hostConfig,
    Tty: p.interactive,
    OpenStdin: p.interactive,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
  }
  if (p.name) options.name = p.name
  if (p.command) options.Cmd = p.command
  return options
}
