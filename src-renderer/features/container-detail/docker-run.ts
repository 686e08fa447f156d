import type { ContainerInspect } from '../../../src-shared/contract'
import { shellQuote } from '../../shared/shell-words'
import { memoryFlag } from '../run'
import { obj, str, strings } from './loose-json'

// Networks the engine always has; `--network` is only worth writing for others.
const DEFAULT_NETWORK_MODES = new Set(['', 'default', 'bridge'])
// Labels written by tools rather than by the person who ran the container.
const TOOL_LABEL = /^(com\.docker\.compose\.|org\.opencontainers\.image\.|desktop\.docker\.io\/)/

/**
 * A `docker run` command that recreates the container as far as inspect can tell. Values
 * that come from the image (entrypoint, image env except what differs) cannot be told apart
 * from run flags, so the entrypoint is left out and PATH is skipped.
 */
export function toDockerRun(raw: ContainerInspect): string {
  const config = obj(raw.Config)
  const host = obj(raw.HostConfig)
  const args: string[] = ['docker', 'run', '-d']
  const name = raw.Name.replace(/^\//, '')
  if (name) args.push('--name', name)
  if (config.Tty === true) args.push('-t')
  if (config.OpenStdin === true) args.push('-i')
  if (host.AutoRemove === true) args.push('--rm')

  const restart = obj(host.RestartPolicy)
  const policy = str(restart.Name)
  if (policy && policy !== 'no') {
    const retries = typeof restart.MaximumRetryCount === 'number' ? restart.MaximumRetryCount : 0
    args.push('--restart', policy === 'on-failure' && retries > 0 ? `on-failure:${retries}` : policy)
  }

  for (const [spec, bindings] of Object.entries(obj(host.PortBindings))) {
    const [port = spec, proto = 'tcp'] = spec.split('/')
    for (const b of Array.isArray(bindings) ? bindings : []) {
      const bo = obj(b)
      const hostIp = str(bo.HostIp)
      const hostPort = str(bo.HostPort)
      const left = [hostIp && hostIp !== '0.0.0.0' && hostIp !== '::' ? hostIp : '', hostPort].filter(Boolean).join(':')
      args.push('-p', `${left ? `${left}:` : ''}${port}${proto === 'tcp' ? '' : `/${proto}`}`)
    }
  }

  for (const e of strings(config.Env)) if (!e.startsWith('PATH=')) args.push('-e', e)

  for (const m of Array.isArray(raw.Mounts) ? raw.Mounts : []) {
    const mo = obj(m)
    const type = str(mo.Type)
    const source = type === 'volume' ? str(mo.Name) : str(mo.Source)
    if (!source || (type !== 'bind' && type !== 'volume')) continue
    // Anonymous volumes have 64-hex names; recreating them means a fresh one.
    if (type === 'volume' && /^[0-9a-f]{64}$/.test(source)) continue
    args.push('-v', `${source}:${str(mo.Destination)}${mo.RW === false ? ':ro' : ''}`)
  }

  const network = str(host.NetworkMode)
  if (!DEFAULT_NETWORK_MODES.has(network)) args.push('--network', network)
  if (str(config.User)) args.push('--user', str(config.User))
  if (str(config.WorkingDir)) args.push('-w', str(config.WorkingDir))
  if (host.Privileged === true) args.push('--privileged')
  const nano = typeof host.NanoCpus === 'number' ? host.NanoCpus : 0
  if (nano > 0) args.push('--cpus', String(nano / 1e9))
  const memory = typeof host.Memory === 'number' ? host.Memory : 0
  if (memory > 0) args.push('--memory', memoryFlag(memory))

  for (const [k, v] of Object.entries(obj(config.Labels))) if (!TOOL_LABEL.test(k)) args.push('--label', `${k}=${str(v)}`)

  args.push(str(config.Image) || str(raw.Image))
  args.push(...strings(config.Cmd))
  return args.map(shellQuote).join(' ')
}
