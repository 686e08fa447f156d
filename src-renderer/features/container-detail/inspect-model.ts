import type { ContainerInspect } from '../../../src-shared/contract'
import { num, obj, str, strings, type Obj } from './loose-json'

// The slice of the engine's inspect document the Inspect tab shows, read defensively:
// fields differ across engines and API versions, and any of them may be missing.

export interface MountView {
  type: string
  source: string
  destination: string
  readOnly: boolean
  isEngineSocket: boolean
}

export interface PortView {
  containerPort: string
  protocol: string
  hostIp: string | null
  hostPort: number | null
}

export interface NetworkView {
  name: string
  ipAddress: string
  gateway: string
  macAddress: string
  aliases: string[]
}

export interface HealthView {
  status: string
  failingStreak: number
  log: { start: string; exitCode: number; output: string }[]
}

export type Warning = { key: 'warnDockerSocket'; path: string } | { key: 'warnPrivileged' } | { key: 'warnHostNetwork' } | { key: 'warnHostPid' }

export interface InspectModel {
  id: string
  name: string
  image: string
  imageId: string
  command: string[]
  entrypoint: string[]
  created: string
  startedAt: string
  finishedAt: string
  exitCode: number | null
  restartPolicy: { name: string; maximumRetryCount: number }
  restartCount: number
  platform: string
  workingDir: string
  user: string
  hostname: string
  nanoCpus: number
  memoryBytes: number
  env: { key: string; value: string }[]
  labels: [string, string][]
  ports: PortView[]
  mounts: MountView[]
  networks: NetworkView[]
  health: HealthView | null
  warnings: Warning[]
}

const ENGINE_SOCKETS = /(^|\/)(docker|podman)\.sock$|^\/var\/run\/docker\.sock$|^\/run\/docker\.sock$|docker_engine$/

export function isEngineSocket(path: string): boolean {
  return ENGINE_SOCKETS.test(path)
}

export function toInspectModel(raw: ContainerInspect): InspectModel {
  const config = obj(raw.Config)
  const state = obj(raw.State)
  const host = obj(raw.HostConfig)
  const net = obj(raw.NetworkSettings)
  const restart = obj(host.RestartPolicy)

  const env = strings(config.Env).map((line) => {
    const eq = line.indexOf('=')
    return eq < 0 ? { key: line, value: '' } : { key: line.slice(0, eq), value: line.slice(eq + 1) }
  })

  const mounts: MountView[] = (Array.isArray(raw.Mounts) ? raw.Mounts : []).map((m) => {
    const mo = obj(m)
    const source = str(mo.Source) || str(mo.Name)
    return { type: str(mo.Type), source, destination: str(mo.Destination), readOnly: mo.RW === false, isEngineSocket: isEngineSocket(source) }
  })

  // A running container reports its live bindings; one that never ran has only its configuration.
  const live = obj(net.Ports)
  const configured: Obj = { ...Object.fromEntries(Object.keys(obj(config.ExposedPorts)).map((k) => [k, null])), ...obj(host.PortBindings) }
  const ports: PortView[] = []
  for (const [spec, bindings] of Object.entries(Object.keys(live).length > 0 ? live : configured)) {
    const [containerPort = spec, protocol = 'tcp'] = spec.split('/')
    const list = Array.isArray(bindings) ? bindings : []
    if (list.length === 0) ports.push({ containerPort, protocol, hostIp: null, hostPort: null })
    for (const b of list) {
      const bo = obj(b)
      const hp = Number(str(bo.HostPort))
      ports.push({ containerPort, protocol, hostIp: str(bo.HostIp) || null, hostPort: Number.isInteger(hp) && hp > 0 ? hp : null })
    }
  }

  const networks: NetworkView[] = Object.entries(obj(net.Networks)).map(([name, n]) => {
    const no = obj(n)
    return { name, ipAddress: str(no.IPAddress), gateway: str(no.Gateway), macAddress: str(no.MacAddress), aliases: strings(no.Aliases) }
  })

  const healthRaw = obj(state.Health)
  const health: HealthView | null = healthRaw.Status
    ? {
        status: str(healthRaw.Status),
        failingStreak: num(healthRaw.FailingStreak),
        log: (Array.isArray(healthRaw.Log) ? healthRaw.Log : []).map((l) => {
          const lo = obj(l)
          return { start: str(lo.Start), exitCode: num(lo.ExitCode), output: str(lo.Output) }
        }),
      }
    : null

  const warnings: Warning[] = []
  for (const m of mounts) if (m.isEngineSocket) warnings.push({ key: 'warnDockerSocket', path: m.source })
  if (host.Privileged === true) warnings.push({ key: 'warnPrivileged' })
  if (str(host.NetworkMode) === 'host') warnings.push({ key: 'warnHostNetwork' })
  if (str(host.PidMode) === 'host') warnings.push({ key: 'warnHostPid' })

  const running = state.Running === true
  return {
    id: raw.Id,
    name: raw.Name.replace(/^\//, ''),
    image: str(config.Image),
    imageId: str(raw.Image),
    command: strings(config.Cmd),
    entrypoint: strings(config.Entrypoint),
    created: str(raw.Created),
    startedAt: str(state.StartedAt),
    finishedAt: str(state.FinishedAt),
    exitCode: running || state.ExitCode === undefined ? null : num(state.ExitCode),
    restartPolicy: { name: str(restart.Name) || 'no', maximumRetryCount: num(restart.MaximumRetryCount) },
    restartCount: num(raw.RestartCount),
    platform: str(raw.Platform),
    workingDir: str(config.WorkingDir),
    user: str(config.User),
    hostname: str(config.Hostname),
    nanoCpus: num(host.NanoCpus) || (num(host.CpuQuota) > 0 && num(host.CpuPeriod) > 0 ? (num(host.CpuQuota) / num(host.CpuPeriod)) * 1e9 : 0),
    memoryBytes: num(host.Memory),
    env,
    labels: Object.entries(obj(config.Labels))
      .map(([k, v]) => [k, str(v)] as [string, string])
      .sort(([a], [b]) => a.localeCompare(b)),
    ports,
    mounts,
    networks,
    health,
    warnings,
  }
}
