// The grammar of a run request, shared by main (zod) and the run dialog (inline checks).
// Zod-free so the renderer bundle can carry it.

/** Docker's container name rule (daemon/names: RestrictedNamePattern): two characters or more. */
export const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/
/** Named volumes follow the same rule as container names. */
export const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/
/** Environment keys: letters, digits, _ . - (Java-style dotted keys are common), not starting with a digit. */
export const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/
/** Label keys: reverse-DNS style (com.example.tier) or plain words. */
export const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9_./-]*$/
/** Network names and ids. */
export const NETWORK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/

/** An image id as the engine shows it (`sha256:…`, or its hex, 12 characters or more). */
export const IMAGE_ID = /^(?:sha256:)?[0-9a-f]{12,64}$/

export const PROTOCOLS = ['tcp', 'udp', 'sctp'] as const
export type Protocol = (typeof PROTOCOLS)[number]

export const RESTART_POLICIES = ['no', 'always', 'unless-stopped', 'on-failure'] as const
export type RestartPolicyName = (typeof RESTART_POLICIES)[number]

/** The engine refuses less (cgroup minimum, daemon/daemon_unix.go linuxMinMemory). */
export const MIN_MEMORY_BYTES = 6 * 1024 * 1024
/** The engine refuses a CPU limit under 0.01 cores. */
export const MIN_CPUS = 0.01
export const MAX_CPUS = 1024

/** Absolute POSIX path (the engine's host side); Windows drive paths are not accepted. */
export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') && !p.includes('\0')
}

/** A plain IPv4 address (no leading zeros) or an IPv6 address in its usual colon form. */
export function isIpAddress(text: string): boolean {
  if (/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(text)) return true
  if (!/^[0-9a-fA-F:]+$/.test(text) || !text.includes(':')) return false
  const halves = text.split('::')
  if (halves.length > 2) return false
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')))
  if (groups.some((g) => g.length === 0 || g.length > 4)) return false
  return halves.length === 2 ? groups.length < 8 : groups.length === 8
}
