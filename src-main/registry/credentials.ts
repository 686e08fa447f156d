import type { CredentialSource } from '../../src-shared/contract/registries'
import type { EngineAuth, RegistryAuthSource } from './auth-source'
import { helperErase, helperGet, helperList, helperStore, type HelperOptions } from './cred-helper'
import { decodeAuthEntry, DockerConfigFile, encodeAuth, type AuthEntry, type DockerConfig } from './docker-config'
import { credentialKey, displayHost } from './hosts'

// Credentials the docker CLI's way. For each registry exactly one store answers, chosen as the CLI
// chooses: credHelpers[registry], else credsStore, else the plain `auths` of config.json. Secrets
// stay in this process: only CredentialSummary (who, where from) ever leaves it.

/** What may be shown about a credential: never the secret. */
export interface CredentialSummary {
  registry: string
  /** A credential is stored (a user name may still be unknown, e.g. an identity token). */
  loggedIn: boolean
  username: string | null
  source: CredentialSource
  /** Why the user name could not be read (a helper failed), in words. */
  problem: string | null
}

/** A credential with its secret: main-only. */
export interface Credential {
  username: string
  password: string
  identitytoken?: string
  source: CredentialSource
}

export interface CredentialStoreOptions {
  /** The folder of config.json ($DOCKER_CONFIG or ~/.docker). */
  dockerConfigDir: string
  /** Environment of helper programs (their PATH finds docker-credential-*). */
  env: Record<string, string | undefined>
  helperTimeoutMs?: number
}

/** How helpers mark an identity token instead of a password (docker-credential-helpers' convention). */
const TOKEN_USER = '<token>'

export class CredentialStore implements RegistryAuthSource {
  readonly file: DockerConfigFile
  private readonly helperOptions: HelperOptions
  /** Writes run one at a time, so two logins never interleave their read-modify-write of config.json. */
  private writes: Promise<unknown> = Promise.resolve()

  constructor(options: CredentialStoreOptions) {
    this.file = new DockerConfigFile(options.dockerConfigDir)
    this.helperOptions = { env: options.env, timeoutMs: options.helperTimeoutMs ?? 15_000 }
  }

  /** The helper that holds `registry`'s credentials, or null for the file. */
  helperFor(registry: string, config: DockerConfig = this.file.read()): string | null {
    const key = credentialKey(registry)
    const exact = config.credHelpers.get(key)
    if (exact) return exact
    // Keys written as URLs or with Hub aliases (`docker.io`) still name the same registry.
    const alias = [...config.credHelpers].find(([k]) => credentialKey(k) === key)
    if (alias) return alias[1]
    return config.credsStore
  }

  /** The credential for `registry` (host[:port] or Hub alias); throws when its helper fails. */
  async lookup(registry: string): Promise<Credential | null> {
    const config = this.file.read()
    const key = credentialKey(registry)
    const helper = this.helperFor(key, config)
    if (helper) {
      const found = await helperGet(helper, key, this.helperOptions)
      if (!found || (!found.username && !found.secret)) return null
      const source: CredentialSource = `helper:${helper}`
      return found.username === TOKEN_USER ? { username: '', password: '', identitytoken: found.secret, source } : { username: found.username, password: found.secret, source }
    }
    const decoded = decodeAuthEntry(authsEntry(config, key))
    return decoded ? { ...decoded, source: 'file' } : null
  }

  /**
   * What pull and push hand the engine. Like the docker CLI, a broken helper or config means
   * "no credentials" here (an anonymous pull may still work); login and the list report it.
   */
  async authFor(registryHost: string): Promise<EngineAuth | null> {
    let found: Credential | null
    try {
      found = await this.lookup(registryHost)
    } catch {
      return null
    }
    if (!found) return null
    const serveraddress = credentialKey(registryHost)
    return found.identitytoken ? { serveraddress, identitytoken: found.identitytoken } : { serveraddress, username: found.username, password: found.password }
  }

  /**
   * Stores a credential where docker login would: the registry's helper, else `auths`. When the
   * registry gave an identity token, that is kept instead of the password (as the CLI does).
   */
  save(registry: string, username: string, password: string, identityToken: string | null = null): Promise<CredentialSummary> {
    return this.serially(async () => {
      const key = credentialKey(registry)
      const helper = this.helperFor(key)
      if (helper) {
        await helperStore(helper, key, identityToken ? TOKEN_USER : username, identityToken ?? password, this.helperOptions)
        // As the CLI does: the file keeps an empty entry (so the registry is listed), never the secret.
        this.file.updateAuths((auths) => {
          auths.set(key, withoutSecrets(auths.get(key)))
        })
        return { registry: displayHost(key), loggedIn: true, username: identityToken ? null : username, source: `helper:${helper}` as const, problem: null }
      }
      this.file.updateAuths((auths) => {
        const secret = identityToken ? { auth: encodeAuth(username, ''), identitytoken: identityToken } : { auth: encodeAuth(username, password) }
        auths.set(key, { ...withoutSecrets(auths.get(key)), ...secret })
      })
      return { registry: displayHost(key), loggedIn: true, username, source: 'file' as const, problem: null }
    })
  }

  /** Removes the credential (helper and file); true when there was one. */
  erase(registry: string): Promise<boolean> {
    return this.serially(async () => {
      const config = this.file.read()
      const key = credentialKey(registry)
      const helper = this.helperFor(key, config)
      let had = false
      if (helper) {
        had = (await helperGet(helper, key, this.helperOptions)) !== null
        if (had) await helperErase(helper, key, this.helperOptions)
      }
      const keys = [...config.auths.keys()].filter((k) => credentialKey(k) === key)
      if (keys.length > 0) {
        had = had || keys.some((k) => decodeAuthEntry(config.auths.get(k)) !== null) || Boolean(helper)
        this.file.updateAuths((auths) => keys.forEach((k) => auths.delete(k)))
      }
      return had
    })
  }

  /** Every registry config.json knows (auths, credHelpers, the credsStore's list), with its user name. */
  async list(): Promise<CredentialSummary[]> {
    const config = this.file.read()
    const keys = new Set<string>([...config.auths.keys(), ...config.credHelpers.keys()].map(credentialKey))
    const listed = new Map<string, Record<string, string> | Error>()
    const helperList_ = async (helper: string) => {
      if (!listed.has(helper)) {
        listed.set(helper, await helperList(helper, this.helperOptions).catch((err: Error) => err))
      }
      return listed.get(helper) as Record<string, string> | Error
    }
    if (config.credsStore) {
      const all = await helperList_(config.credsStore)
      if (!(all instanceof Error)) Object.keys(all).forEach((k) => keys.add(credentialKey(k)))
    }
    const out: CredentialSummary[] = []
    for (const key of keys) {
      const helper = this.helperFor(key, config)
      if (!helper) {
        const decoded = decodeAuthEntry(authsEntry(config, key))
        out.push({ registry: displayHost(key), loggedIn: decoded !== null, username: decoded ? decoded.username || null : null, source: 'file', problem: null })
        continue
      }
      const all = await helperList_(helper)
      if (all instanceof Error) {
        out.push({ registry: displayHost(key), loggedIn: false, username: null, source: `helper:${helper}`, problem: all.message })
        continue
      }
      const user = Object.entries(all).find(([k]) => credentialKey(k) === key)?.[1]
      out.push({ registry: displayHost(key), loggedIn: user !== undefined, username: user && user !== TOKEN_USER ? user : null, source: `helper:${helper}`, problem: null })
    }
    return out.sort((a, b) => a.registry.localeCompare(b.registry))
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.writes.then(work, work)
    this.writes = next.catch(() => undefined)
    return next
  }
}

/** The `auths` entry for a config key: the exact key, else one naming the same registry (a URL, a Hub alias). */
function authsEntry(config: DockerConfig, key: string): AuthEntry | undefined {
  const exact = config.auths.get(key)
  if (exact) return exact
  return [...config.auths].find(([k]) => credentialKey(k) === key)?.[1]
}

function withoutSecrets(entry: Record<string, unknown> | undefined): Record<string, unknown> {
  const rest = { ...(entry ?? {}) }
  delete rest.auth
  delete rest.username
  delete rest.password
  delete rest.identitytoken
  delete rest.registrytoken
  return rest
}
