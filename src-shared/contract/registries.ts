import { z } from 'zod'
import { noParams } from './common'
import { request } from './define'

// Registries and their credentials. Secrets go one way only: a password arrives with
// registries:login and never appears in any answer, message or error.

/** Where a registry's credential lives: config.json's `auths`, or a docker-credential helper. */
export type CredentialSource = 'file' | `helper:${string}`

export interface RegistryRow {
  /** host[:port]; Docker Hub is `docker.io`. */
  registry: string
  loggedIn: boolean
  username: string | null
  source: CredentialSource | null
  /** Where a login would be stored (the registry's credential helper, else config.json). */
  storesIn: CredentialSource
  /** Known from Docker's config.json (auths, credHelpers, the credential store's list). */
  inDockerConfig: boolean
  /** Added in Berth (to browse it, or by logging in to it here). */
  addedInBerth: boolean
  /** Why the login state could not be read (a credential helper failed), in words. */
  problem: string | null
}

export interface CatalogPage {
  repositories: string[]
  /** Cursor for the next page (`last` of the registry's Link header), or null at the end. */
  next: string | null
}

export interface TagsPage {
  tags: string[]
  next: string | null
}

export interface ManifestPlatform {
  os: string
  architecture: string
  variant: string | null
  digest: string
  /** Bytes of config plus layers, as stored (compressed); null when its manifest could not be read. */
  size: number | null
}

export interface ManifestDetail {
  registry: string
  repository: string
  reference: string
  digest: string
  mediaType: string
  /** An index (manifest list) holds one manifest per platform; an image is one platform. */
  kind: 'index' | 'image'
  /** Sum over platforms for an index; config plus layers for an image. */
  size: number | null
  platforms: ManifestPlatform[]
}

/** host, host:port, IPv4 or [IPv6] with an optional port (what `docker login` accepts, without scheme). */
const registryHost = z
  .string()
  .min(1)
  .max(255)
  .regex(
    /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]{1,5})?$/,
    'must be a registry host such as registry.example.com:5000',
  )

/** A repository path of the distribution spec: lowercase components separated by `/`. */
const repositoryName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/, 'must be a repository name such as team/app')

/** A tag or a digest. */
const manifestReference = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(?:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,})$/, 'must be a tag or a digest')

const cursor = z.string().min(1).max(512).optional()
const byRegistry = z.strictObject({ registry: registryHost })

export const registryRequests = {
  'registries:list': request<RegistryRow[]>()(noParams),
  'registries:add': request<RegistryRow>()(byRegistry),
  'registries:forget': request<void>()(byRegistry),
  'registries:login': request<RegistryRow>()(
    z.strictObject({
      registry: registryHost,
      username: z
        .string()
        .min(1)
        .max(256)
        .regex(/^[^\s\p{Cc}]+$/u, 'must not contain spaces or control characters'),
      password: z.string().min(1, 'must not be empty').max(8192, 'is longer than any registry accepts'),
    }),
  ),
  'registries:logout': request<void>()(byRegistry),
  'registries:catalog': request<CatalogPage>()(z.strictObject({ registry: registryHost, last: cursor })),
  'registries:tags': request<TagsPage>()(z.strictObject({ registry: registryHost, repository: repositoryName, last: cursor })),
  'registries:manifest': request<ManifestDetail>()(z.strictObject({ registry: registryHost, repository: repositoryName, reference: manifestReference })),
}

export const registryTopics = {}
