// IP address and CIDR checks for network creation, shared by main (zod) and the create form.
// Pure and dependency-free: the renderer bundle carries it without zod.

type IpVersion = 4 | 6

/** The address as a bigint and its version, or null when it is not a plain IPv4/IPv6 address. */
export function parseIp(text: string): { version: IpVersion; value: bigint } | null {
  if (text.includes(':')) return parseIpv6(text)
  const v = parseIpv4(text)
  return v === null ? null : { version: 4, value: v }
}

function parseIpv4(text: string): bigint | null {
  const parts = text.split('.')
  if (parts.length !== 4) return null
  let value = 0n
  for (const p of parts) {
    // No leading zeros (ambiguous: octal in some parsers) and no signs or spaces.
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return null
    const n = Number(p)
    if (n > 255) return null
    value = (value << 8n) | BigInt(n)
  }
  return value
}

function parseIpv6(text: string): { version: 6; value: bigint } | null {
  if (text.includes('%')) return null // zone ids are not valid in a subnet or gateway
  const halves = text.split('::')
  if (halves.length > 2) return null
  const groups = (s: string): string[] | null => (s === '' ? [] : s.split(':'))
  const head = groups(halves[0] ?? '')
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : []
  if (!head || !tail) return null
  // An embedded IPv4 tail (::ffff:192.0.2.1) counts as two groups.
  const last = (halves.length === 2 ? tail : head).at(-1)
  let v4: bigint | null = null
  if (last?.includes('.')) {
    v4 = parseIpv4(last)
    if (v4 === null) return null
    ;(halves.length === 2 ? tail : head).pop()
  }
  const count = head.length + tail.length + (v4 !== null ? 2 : 0)
  if (halves.length === 1 ? count !== 8 : count > 7) return null
  const hex = [...head, ...Array<string>(8 - count).fill('0'), ...tail]
  let value = 0n
  for (const g of hex) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null
    value = (value << 16n) | BigInt(parseInt(g, 16))
  }
  if (v4 !== null) value = (value << 32n) | v4
  return { version: 6, value }
}

interface Cidr {
  version: IpVersion
  network: bigint
  prefix: number
}

type CidrProblem = 'cidr_format' | 'cidr_prefix' | 'cidr_host_bits'

/** Parses `addr/prefix`; the address must be the network's first address (no host bits), as the engine requires. */
export function parseCidr(text: string): Cidr | CidrProblem {
  const m = /^([^/\s]+)\/(\d{1,3})$/.exec(text)
  if (!m) return 'cidr_format'
  const ip = parseIp(m[1] as string)
  if (!ip) return 'cidr_format'
  const prefix = Number(m[2])
  const bits = ip.version === 4 ? 32 : 128
  if (prefix > bits || ((m[2] as string).length > 1 && m[2]?.startsWith('0'))) return 'cidr_prefix'
  const hostMask = (1n << BigInt(bits - prefix)) - 1n
  if ((ip.value & hostMask) !== 0n) return 'cidr_host_bits'
  return { version: ip.version, network: ip.value, prefix }
}

function cidrContains(cidr: Cidr, ip: { version: IpVersion; value: bigint }): boolean {
  if (cidr.version !== ip.version) return false
  const bits = cidr.version === 4 ? 32 : 128
  const shift = BigInt(bits - cidr.prefix)
  return ip.value >> shift === cidr.network >> shift
}

export type SubnetProblem = CidrProblem | 'gateway_format' | 'gateway_outside' | 'gateway_network_address' | 'gateway_without_subnet'

/** Checks a subnet and its optional gateway together; null when both are fine. */
export function checkSubnet(subnet: string | undefined, gateway: string | undefined): SubnetProblem | null {
  if (!subnet) return gateway ? 'gateway_without_subnet' : null
  const cidr = parseCidr(subnet)
  if (typeof cidr === 'string') return cidr
  if (!gateway) return null
  const ip = parseIp(gateway)
  if (!ip) return 'gateway_format'
  if (!cidrContains(cidr, ip)) return 'gateway_outside'
  const bits = cidr.version === 4 ? 32 : 128
  // The network address itself cannot be a gateway (IPv4 /31 and /32 have no such address).
  if (ip.value === cidr.network && !(cidr.version === 4 && cidr.prefix >= 31) && cidr.prefix < bits) return 'gateway_network_address'
  return null
}
