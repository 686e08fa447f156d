import { isIpAddress, PROTOCOLS, type Protocol } from './grammar'

export interface PortSpec {
  /** Host address to bind; absent = every address (0.0.0.0 and ::). */
  hostIp?: string
  /** Absent = the engine picks a free port. */
  hostPort?: number
  containerPort: number
  protocol: Protocol
}

export type PortError = 'port_empty' | 'port_syntax' | 'port_number' | 'port_protocol' | 'port_ip' | 'port_range'

export type Parsed<T, E extends string> = { ok: true; value: T } | { ok: false; error: E }

const MAX_RANGE = 1000

/**
 * One `-p` value, as `docker run` reads it: `[ip:][hostPort:]containerPort[/proto]`, with
 * ranges (`8000-8002:80-82`, host and container ranges of the same length) and IPv6 hosts
 * in brackets (`[::1]:8080:80`). A range gives one spec per port.
 */
export function parsePort(text: string): Parsed<PortSpec[], PortError> {
  const input = text.trim()
  if (!input) return { ok: false, error: 'port_empty' }
  const slash = input.lastIndexOf('/')
  const protoText = slash >= 0 ? input.slice(slash + 1).toLowerCase() : 'tcp'
  if (!(PROTOCOLS as readonly string[]).includes(protoText)) return { ok: false, error: 'port_protocol' }
  const protocol = protoText as Protocol
  const body = slash >= 0 ? input.slice(0, slash) : input

  let hostIp: string | undefined
  let rest = body
  const v6 = /^\[([^\]]+)\]:(.*)$/.exec(body)
  if (v6) {
    hostIp = v6[1]
    rest = v6[2] ?? ''
    if (!isIpAddress(hostIp ?? '')) return { ok: false, error: 'port_ip' }
  }
  const parts = rest.split(':')
  if (parts.length > 3 || (v6 && parts.length !== 2)) return { ok: false, error: 'port_syntax' }
  let hostText = ''
  let containerText: string
  if (parts.length === 3) {
    hostIp = parts[0]
    if (!isIpAddress(hostIp ?? '')) return { ok: false, error: 'port_ip' }
    hostText = parts[1] ?? ''
    containerText = parts[2] ?? ''
  } else if (parts.length === 2) {
    hostText = parts[0] ?? ''
    containerText = parts[1] ?? ''
  } else containerText = parts[0] ?? ''

  const container = range(containerText)
  if (!container) return { ok: false, error: containerText === '' ? 'port_syntax' : 'port_number' }
  const host = hostText === '' ? null : range(hostText)
  if (hostText !== '' && !host) return { ok: false, error: 'port_number' }
  const count = container[1] - container[0] + 1
  if (count > MAX_RANGE || (host && host[1] - host[0] + 1 !== count)) return { ok: false, error: 'port_range' }

  const specs: PortSpec[] = []
  for (let i = 0; i < count; i++) {
    const spec: PortSpec = { containerPort: container[0] + i, protocol }
    if (hostIp) spec.hostIp = hostIp
    if (host) spec.hostPort = host[0] + i
    specs.push(spec)
  }
  return { ok: true, value: specs }
}

function range(text: string): [number, number] | null {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text)
  if (!m) return null
  const a = Number(m[1])
  const b = m[2] === undefined ? a : Number(m[2])
  if (a < 1 || b > 65535 || b < a) return null
  return [a, b]
}
