import type { CatalogPage, ManifestDetail, RegistryRow, TagsPage } from '../../src-shared/contract/registries'
import type { EngineConnection } from '../engine/connection'
import type { CredentialStore, CredentialSummary } from './credentials'
import { credentialKey, displayHost } from './hosts'
import type { KnownRegistries } from './known'
import { checkWithEngine } from './login-check'
import { RegistryClient } from './v2-client'

export interface RegistryServiceDeps {
  credentials: CredentialStore
  known: KnownRegistries
  conn: EngineConnection
  fetch?: typeof fetch
}

/** Registries: which ones Berth knows, logging in and out, and browsing their v2 API. */
export class RegistryService {
  /** One client per registry keeps its bearer tokens; dropped when its credential changes. */
  private readonly clients = new Map<string, RegistryClient>()

  constructor(private readonly deps: RegistryServiceDeps) {}

  async list(): Promise<RegistryRow[]> {
    const fromConfig = await this.deps.credentials.list()
    const added = this.deps.known.all()
    const names = [...new Set([...fromConfig.map((c) => c.registry), ...added])]
    return names.map((name) => this.row(name, fromConfig.find((c) => c.registry === name) ?? null)).sort((a, b) => a.registry.localeCompare(b.registry))
  }

  async add(registry: string): Promise<RegistryRow> {
    this.deps.known.add(registry)
    return this.rowOf(registry)
  }

  forget(registry: string): void {
    this.deps.known.remove(registry)
  }

  /** Checks the credential with the registry, then stores it where docker login would. */
  async login(registry: string, username: string, password: string): Promise<RegistryRow> {
    const name = displayHost(credentialKey(registry))
    let identityToken: string | null = null
    if (this.deps.conn.getStatus().state === 'connected') {
      identityToken = (await checkWithEngine(this.deps.conn.client(), name, credentialKey(registry), username, password)).identityToken
    } else {
      await new RegistryClient({ registry: name, credential: async () => ({ username, password, source: 'file' }), fetch: this.deps.fetch }).check()
    }
    await this.deps.credentials.save(name, username, password, identityToken)
    this.deps.known.add(name)
    this.clients.delete(name)
    return this.rowOf(name)
  }

  async logout(registry: string): Promise<void> {
    const name = displayHost(credentialKey(registry))
    await this.deps.credentials.erase(name)
    this.clients.delete(name)
  }

  catalog(registry: string, last?: string): Promise<CatalogPage> {
    return this.client(registry).catalog(last)
  }

  tags(registry: string, repository: string, last?: string): Promise<TagsPage> {
    return this.client(registry).tags(repository, last)
  }

  manifest(registry: string, repository: string, reference: string): Promise<ManifestDetail> {
    return this.client(registry).manifest(repository, reference)
  }

  private client(registry: string): RegistryClient {
    const name = displayHost(credentialKey(registry))
    let client = this.clients.get(name)
    if (!client) {
      client = new RegistryClient({ registry: name, credential: () => this.deps.credentials.lookup(name), fetch: this.deps.fetch })
      this.clients.set(name, client)
    }
    return client
  }

  private async rowOf(registry: string): Promise<RegistryRow> {
    const name = displayHost(credentialKey(registry))
    const summary = (await this.deps.credentials.list()).find((c) => c.registry === name) ?? null
    return this.row(name, summary)
  }

  private storesIn(name: string): RegistryRow['storesIn'] {
    const helper = this.deps.credentials.helperFor(name)
    return helper ? `helper:${helper}` : 'file'
  }

  private row(name: string, summary: CredentialSummary | null): RegistryRow {
    return {
      registry: name,
      loggedIn: summary?.loggedIn ?? false,
      username: summary?.username ?? null,
      source: summary?.loggedIn ? summary.source : null,
      storesIn: this.storesIn(name),
      inDockerConfig: summary !== null,
      addedInBerth: this.deps.known.has(name),
      problem: summary?.problem ?? null,
    }
  }
}
