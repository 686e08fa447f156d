import { randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { BerthError } from '../../src-shared/contract/errors'

// ~/.docker/config.json as the docker CLI reads and writes it. Berth changes only `auths`
// entries and keeps every other key (proxies, plugins, contexts…) exactly as it found them.
// Registries index maps, never plain objects: a registry named `constructor` or `__proto__`
// must find that entry or none, not a property every object inherits.

export interface AuthEntry {
  auth?: string
  username?: string
  password?: string
  identitytoken?: string
  [other: string]: unknown
}

export interface DockerConfig {
  auths: ReadonlyMap<string, AuthEntry>
  credsStore: string | null
  credHelpers: ReadonlyMap<string, string>
}

type Raw = Record<string, unknown>

function isObject(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Where the CLI looks: $DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(env: Record<string, string | undefined>, home: string): string {
  return env.DOCKER_CONFIG || join(home, '.docker')
}

export class DockerConfigFile {
  readonly path: string

  constructor(dir: string) {
    this.path = join(dir, 'config.json')
  }

  read(): DockerConfig {
    return parseConfig(this.readRaw())
  }

  /** Applies `change` to the `auths` entries and writes the whole file back atomically (0600). */
  updateAuths(change: (auths: Map<string, AuthEntry>) => void): void {
    const raw = this.readRaw()
    const auths = new Map(isObject(raw.auths) ? (Object.entries(raw.auths) as [string, AuthEntry][]) : [])
    change(auths)
    // fromEntries defines own properties, so even a `__proto__` entry is written back as it was read.
    raw.auths = Object.fromEntries(auths)
    this.write(raw)
  }

  private readRaw(): Raw {
    let text: string
    try {
      text = readFileSync(this.path, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {}
      throw new BerthError('PERMISSION_DENIED', `Berth cannot read ${this.path}: ${(err as Error).message}`, { reason: 'registry_config_unreadable', path: this.path })
    }
    if (text.trim() === '') return {}
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = null
    }
    // Never overwrite a file we cannot parse: it holds the person's settings.
    if (!isObject(parsed)) {
      throw new BerthError('INVALID_INPUT', `${this.path} is not valid JSON; fix or remove it, then try again.`, { reason: 'registry_config_invalid', path: this.path })
    }
    return parsed
  }

  private write(raw: Raw): void {
    // Through a symlink (dotfile managers), write where it points, as the CLI does.
    let target = this.path
    try {
      target = realpathSync(this.path)
    } catch {
      /* does not exist yet */
    }
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 })
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`
    try {
      writeFileSync(tmp, `${JSON.stringify(raw, null, '\t')}\n`, { mode: 0o600 })
      chmodSync(tmp, 0o600)
      renameSync(tmp, target)
    } catch (err) {
      rmSync(tmp, { force: true })
      throw new BerthError('PERMISSION_DENIED', `Berth cannot write ${target}: ${(err as Error).message}`, { reason: 'registry_config_unwritable', path: target })
    }
  }
}

function parseConfig(raw: Raw): DockerConfig {
  const auths = new Map<string, AuthEntry>()
  if (isObject(raw.auths)) {
    for (const [key, value] of Object.entries(raw.auths)) if (isObject(value)) auths.set(key, value as AuthEntry)
  }
  const credHelpers = new Map<string, string>()
  if (isObject(raw.credHelpers)) {
    for (const [key, value] of Object.entries(raw.credHelpers)) if (typeof value === 'string' && value) credHelpers.set(key, value)
  }
  return { auths, credsStore: typeof raw.credsStore === 'string' && raw.credsStore ? raw.credsStore : null, credHelpers }
}

/** user:password out of an `auths` entry (`auth` is base64 of both; a password may contain ':'). */
export function decodeAuthEntry(entry: AuthEntry | undefined): { username: string; password: string; identitytoken?: string } | null {
  if (!entry) return null
  let username = typeof entry.username === 'string' ? entry.username : ''
  let password = typeof entry.password === 'string' ? entry.password : ''
  if (typeof entry.auth === 'string' && entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    if (colon < 0) return null
    username = decoded.slice(0, colon)
    password = decoded.slice(colon + 1)
  }
  const identitytoken = typeof entry.identitytoken === 'string' && entry.identitytoken ? entry.identitytoken : undefined
  if (!username && !identitytoken) return null
  return identitytoken ? { username, password, identitytoken } : { username, password }
}

export function encodeAuth(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, 'utf8').toString('base64')
}
