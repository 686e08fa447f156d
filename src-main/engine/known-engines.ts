import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { isAbsolute, join } from 'node:path'
import type { ConnectionStatus, EndpointList, EngineEndpoint } from '../../src-shared/contract/engine'
import { BerthError } from '../../src-shared/contract/errors'
import type { SettingsStore } from '../settings/store'
import type { EngineConnection } from './connection'
import { discoverEndpoints } from './discovery'
import { publicEndpoint, socketPathOf } from './endpoint'
import type { ResolvedEndpoint } from './resolved-endpoint'

export interface KnownEnginesOptions {
  connection: EngineConnection
  settings: SettingsStore
  /** Overrides discovery (tests point Berth at a proxy socket this way). */
  engineUrl?: string
  env: Record<string, string | undefined>
}

/** The engines Berth knows (discovered ones and those the person added) and which one is in use. */
export class KnownEngines {
  constructor(private readonly options: KnownEnginesOptions) {}

  /** Connects to the chosen engine, or the first one present. */
  async connectChosen(): Promise<void> {
    const { endpoints, activeId } = this.list()
    const chosen = endpoints.find((e) => e.id === activeId) ?? endpoints.find((e) => e.present) ?? endpoints[0]
    if (chosen) await this.options.connection.use(this.resolve(chosen.id))
  }

  list(): EndpointList {
    const all = this.all()
    const active = this.options.connection.getStatus().endpoint?.id ?? this.options.settings.get().activeEndpointId
    return { endpoints: all.map(publicEndpoint), activeId: all.some((e) => e.id === active) ? active : null }
  }

  async select(id: string): Promise<ConnectionStatus> {
    const endpoint = this.resolve(id)
    this.options.settings.update((s) => ({ ...s, activeEndpointId: id }))
    return this.options.connection.use(endpoint)
  }

  add(url: string, name?: string, tlsDir?: string): EngineEndpoint {
    if (tlsDir !== undefined) checkTlsFolder(tlsDir)
    const existing = this.all().find((e) => e.url === url)
    if (existing) return publicEndpoint(existing)
    // Time plus randomness: two engines added in the same millisecond still get their own ids.
    const id = `user:${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`
    const label = name ?? url.replace(/^\w+:\/\//, '')
    this.options.settings.update((s) => ({ ...s, userEndpoints: [...s.userEndpoints, { id, name: label, url, ...(tlsDir !== undefined ? { tlsDir } : {}) }] }))
    return publicEndpoint(this.resolve(id))
  }

  forget(id: string): void {
    const { settings, connection } = this.options
    if (!settings.get().userEndpoints.some((e) => e.id === id)) {
      throw new BerthError('INVALID_INPUT', 'Only engines you added yourself can be removed; discovered ones come back on their own.', { reason: 'endpoint_not_user' })
    }
    if (connection.getStatus().endpoint?.id === id) {
      throw new BerthError('CONFLICT', 'This engine is in use. Pick another one first.', { reason: 'endpoint_in_use' })
    }
    settings.update((s) => ({ ...s, userEndpoints: s.userEndpoints.filter((e) => e.id !== id), activeEndpointId: s.activeEndpointId === id ? null : s.activeEndpointId }))
  }

  private resolve(id: string): ResolvedEndpoint {
    const found = this.all().find((e) => e.id === id)
    if (!found) throw new BerthError('NOT_FOUND', 'That engine is no longer known to Berth.', { reason: 'endpoint_unknown', ref: id })
    return found
  }

  private all(): ResolvedEndpoint[] {
    const { engineUrl, env, settings } = this.options
    const discovered: ResolvedEndpoint[] = engineUrl
      ? [{ id: 'cli:engine', name: engineUrl.replace(/^\w+:\/\//, ''), url: engineUrl, source: 'env', present: true }]
      : discoverEndpoints({
          env,
          home: homedir(),
          platform: process.platform,
          uid: typeof process.getuid === 'function' ? process.getuid() : null,
          exists: existsSync,
          readText: (p) => {
            try {
              return readFileSync(p, 'utf8')
            } catch {
              return null
            }
          },
        })
    const user: ResolvedEndpoint[] = settings.get().userEndpoints.map((u) => {
      const socket = socketPathOf(u.url)
      return { ...u, source: 'user', present: socket && !socket.startsWith('//') ? existsSync(socket) : true }
    })
    return [...discovered, ...user.filter((u) => !discovered.some((d) => d.url === u.url))]
  }
}

/** A TLS folder must be an absolute path holding the three files the docker CLI reads from DOCKER_CERT_PATH. */
function checkTlsFolder(dir: string): void {
  const missing = isAbsolute(dir) ? TLS_FILES.filter((f) => !existsSync(join(dir, f))) : [...TLS_FILES]
  if (missing.length > 0) {
    throw new BerthError(
      'INVALID_INPUT',
      `The TLS folder ${dir} must be a full path holding ca.pem, cert.pem and key.pem; ${isAbsolute(dir) ? `it lacks ${missing.join(', ')}` : 'it is not a full path'}.`,
      {
        reason: 'engine_tls_folder',
        path: dir,
        missing: missing.join(', '),
      },
    )
  }
}

const TLS_FILES = ['ca.pem', 'cert.pem', 'key.pem']
