import { z } from 'zod'
import { request } from './define'

// Docker Hub, read-only: search, a repository's page, its tags. Main talks to the Hub (fetch);
// the renderer only sees these shapes.

/** The Hub's trust badge for a repository; null when it carries none. */
export type HubBadge = 'official' | 'verified_publisher' | 'open_source' | null

/** What the Hub's rate-limit headers said on the answer (null where a header was absent). */
export interface HubRateLimit {
  limit: number | null
  remaining: number | null
  /** The window the limit counts over, in seconds (`;w=21600`). */
  windowSeconds: number | null
  /** When the window resets, epoch ms. */
  resetAt: number | null
}

export interface HubSearchResult {
  namespace: string
  name: string
  description: string
  stars: number
  /** Pull count; the newer search answers a floor ("1B+"), then `pullsAtLeast` is true. */
  pulls: number | null
  pullsAtLeast: boolean
  badge: HubBadge
}

export interface HubSearchPage {
  query: string
  page: number
  pageSize: number
  total: number
  hasNext: boolean
  results: HubSearchResult[]
  rateLimit: HubRateLimit | null
}

export interface HubRepository {
  namespace: string
  name: string
  description: string
  /** The README, Markdown as the publisher wrote it (untrusted: the renderer sanitizes it). */
  readme: string
  stars: number
  pulls: number
  lastUpdated: string | null
  dateRegistered: string | null
  official: boolean
  rateLimit: HubRateLimit | null
}

export interface HubTagImage {
  os: string
  architecture: string
  variant: string | null
  digest: string | null
  /** Compressed size in bytes. */
  size: number
  lastPushed: string | null
}

export interface HubTag {
  name: string
  /** Compressed size in bytes (of the first image, as the Hub reports it). */
  fullSize: number
  lastUpdated: string | null
  /** The tag's digest (an index digest for multi-arch tags). */
  digest: string | null
  /** One entry per platform; attestation manifests (os/arch "unknown") are left out. */
  images: HubTagImage[]
}

export interface HubTagsPage {
  page: number
  pageSize: number
  total: number
  hasNext: boolean
  results: HubTag[]
  rateLimit: HubRateLimit | null
}

// Docker's path-component grammar (lowercase alphanumerics joined by . _ __ or dashes).
const component = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const hubNamespace = z.string().min(2).max(255).regex(component, 'must be a Docker Hub namespace (lowercase letters, digits, . _ -)')
const hubRepoName = z.string().min(1).max(255).regex(component, 'must be a repository name (lowercase letters, digits, . _ -)')
const page = z.number().int().min(1).max(10_000)

export const hubRequests = {
  'hub:search': request<HubSearchPage>()(
    z.strictObject({
      query: z.string().trim().min(1).max(255),
      page: page.default(1),
      pageSize: z.number().int().min(1).max(100).default(25),
      officialOnly: z.boolean().default(false),
      verifiedOnly: z.boolean().default(false),
    }),
  ),
  'hub:repository': request<HubRepository>()(z.strictObject({ namespace: hubNamespace, name: hubRepoName })),
  'hub:tags': request<HubTagsPage>()(z.strictObject({ namespace: hubNamespace, name: hubRepoName, page: page.default(1), pageSize: z.number().int().min(1).max(100).default(25) })),
}

export const hubTopics = {}
