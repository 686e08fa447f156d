import { ENV_KEY, isAbsolutePath, LABEL_KEY, MAX_CPUS, MIN_CPUS, MIN_MEMORY_BYTES, RESTART_POLICIES, VOLUME_NAME, type RestartPolicyName } from './grammar'
import type { Parsed } from './ports'

export interface KeyValue {
  key: string
  value: string
}

/** `KEY=value` (the value may be empty or hold more `=`). A bare KEY is refused: Berth has no shell env to copy from. */
export function parseEnv(text: string): Parsed<KeyValue, 'env_syntax' | 'env_key'> {
  const eq = text.indexOf('=')
  if (eq < 0) return { ok: false, error: 'env_syntax' }
  const key = text.slice(0, eq).trim()
  if (!ENV_KEY.test(key) || key.length > 256) return { ok: false, error: 'env_key' }
  return { ok: true, value: { key, value: text.slice(eq + 1) } }
}

/** `key=value` labels (the value may be empty). */
export function parseLabel(text: string): Parsed<KeyValue, 'label_syntax' | 'label_key'> {
  const eq = text.indexOf('=')
  const key = (eq < 0 ? text : text.slice(0, eq)).trim()
  if (!key) return { ok: false, error: 'label_syntax' }
  if (!LABEL_KEY.test(key) || key.length > 256) return { ok: false, error: 'label_key' }
  return { ok: true, value: { key, value: eq < 0 ? '' : text.slice(eq + 1) } }
}

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }

/**
 * A memory size as `docker run -m` reads it: a number with an optional unit b, k, m, g
 * (powers of 1024, `kb`/`mb`/`gb` and upper case too); fractions allowed (1.5g).
 */
export function parseMemory(text: string): Parsed<number, 'memory_syntax' | 'memory_too_small'> {
  const m = /^(\d+(?:\.\d+)?)\s*([bkmgt]?)b?$/i.exec(text.trim())
  if (!m) return { ok: false, error: 'memory_syntax' }
  const bytes = Math.floor(Number(m[1]) * (UNITS[(m[2] ?? '').toLowerCase()] ?? 1))
  if (!Number.isSafeInteger(bytes)) return { ok: false, error: 'memory_syntax' }
  if (bytes < MIN_MEMORY_BYTES) return { ok: false, error: 'memory_too_small' }
  return { ok: true, value: bytes }
}

/** CPU cores as `--cpus` takes them (1, 0.5, 2.25); the engine's NanoCpus is this × 10⁹. */
export function parseCpus(text: string): Parsed<number, 'cpus_syntax' | 'cpus_range'> {
  const t = text.trim()
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(t)) return { ok: false, error: 'cpus_syntax' }
  const n = Number(t)
  if (n < MIN_CPUS || n > MAX_CPUS) return { ok: false, error: 'cpus_range' }
  return { ok: true, value: n }
}

export function nanoCpus(cpus: number): number {
  return Math.round(cpus * 1e9)
}

export interface MountSpec {
  type: 'bind' | 'volume'
  /** Absolute host path (bind) or volume name. */
  source: string
  target: string
  readOnly: boolean
}

/** `-v` syntax: `/host/path:/in/container[:ro|rw]` (bind) or `volume-name:/in/container[:ro|rw]`. */
export function parseMount(text: string): Parsed<MountSpec, 'mount_syntax' | 'mount_source' | 'mount_target' | 'mount_mode'> {
  const parts = text.trim().split(':')
  if (parts.length < 2 || parts.length > 3) return { ok: false, error: 'mount_syntax' }
  const [source = '', target = '', mode = 'rw'] = parts
  if (mode !== 'ro' && mode !== 'rw') return { ok: false, error: 'mount_mode' }
  if (!isAbsolutePath(target) || target.length > 4096) return { ok: false, error: 'mount_target' }
  const bind = isAbsolutePath(source)
  if (!bind && !VOLUME_NAME.test(source)) return { ok: false, error: 'mount_source' }
  return { ok: true, value: { type: bind ? 'bind' : 'volume', source, target, readOnly: mode === 'ro' } }
}

interface RestartSpec {
  policy: RestartPolicyName
  /** on-failure only: how many restarts at most (0 = no limit). */
  maxRetries?: number
}

/** `no`, `always`, `unless-stopped`, `on-failure` or `on-failure:N`. */
export function parseRestart(text: string): Parsed<RestartSpec, 'restart_policy'> {
  const m = /^(no|always|unless-stopped|on-failure)(?::(\d{1,4}))?$/.exec(text.trim())
  if (!m || (m[2] !== undefined && m[1] !== 'on-failure')) return { ok: false, error: 'restart_policy' }
  const policy = m[1] as RestartPolicyName
  if (!(RESTART_POLICIES as readonly string[]).includes(policy)) return { ok: false, error: 'restart_policy' }
  return { ok: true, value: m[2] === undefined ? { policy } : { policy, maxRetries: Number(m[2]) } }
}
