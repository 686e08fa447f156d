import { z } from 'zod'
import type { HubBadge, HubRepository, HubSearchResult, HubTag, HubTagImage } from '../../src-shared/contract/hub'

// Docker Hub's JSON, read tolerantly: required identity fields must be there (else the answer is
// not what Berth asked for), everything else falls back to a neutral value when missing or of
// another type, and unknown fields are ignored. Field names are the Hub's own.

const str = z.string().nullish().catch(null)
const num = z.number().finite().nullish().catch(null)
const bool = z.boolean().nullish().catch(null)

/** An array whose malformed entries are dropped rather than failing the whole answer. */
function tolerantArray<T extends z.ZodType>(item: T) {
  return z.array(z.unknown()).transform((all) =>
    all.flatMap((x) => {
      const r = item.safeParse(x)
      return r.success ? [r.data as z.output<T>] : []
    }),
  )
}

// --- Search: /v2/search/repositories/ ---------------------------------------------------------
export const v2SearchSchema = z.object({
  count: num,
  next: str,
  previous: str,
  results: tolerantArray(
    z.object({
      repo_name: z.string().min(1),
      short_description: str,
      star_count: num,
      pull_count: num,
      repo_owner: str,
      is_official: bool,
      is_automated: bool,
      // Not in the documented v2 answer; read when present so the badge is not lost.
      badge: str,
      is_verified_publisher: bool,
    }),
  ),
})

// --- Search: /api/search/v3/catalog/search (the Hub website's own search) ----------------------
export const catalogSearchSchema = z.object({
  total: num,
  results: tolerantArray(
    z.object({
      id: str,
      name: z.string().min(1),
      slug: str,
      type: str,
      short_description: str,
      star_count: num,
      // "1B+", "10K+" here; a number in some answers.
      pull_count: z.union([z.string(), z.number()]).nullish().catch(null),
      badge: str,
      // Older answers of the same search carried flags instead of `badge`.
      certified: bool,
      verified_publisher: bool,
      is_official: bool,
      open_source: bool,
      publisher: z.object({ id: str, name: str }).nullish().catch(null),
      archived: bool,
    }),
  ),
})

export type V2Search = z.output<typeof v2SearchSchema>
export type CatalogSearch = z.output<typeof catalogSearchSchema>

/** "nginx" → library/nginx; "bitnami/nginx" → bitnami/nginx. */
function splitRepoName(full: string): { namespace: string; name: string } {
  const slash = full.indexOf('/')
  return slash < 0 ? { namespace: 'library', name: full } : { namespace: full.slice(0, slash), name: full.slice(slash + 1) }
}

function badgeOf(v: {
  badge?: string | null
  is_official?: boolean | null
  verified_publisher?: boolean | null
  is_verified_publisher?: boolean | null
  certified?: boolean | null
  open_source?: boolean | null
}): HubBadge {
  switch (v.badge) {
    case 'official':
      return 'official'
    case 'verified_publisher':
      return 'verified_publisher'
    case 'open_source':
      return 'open_source'
  }
  if (v.is_official) return 'official'
  if (v.verified_publisher || v.is_verified_publisher || v.certified) return 'verified_publisher'
  if (v.open_source) return 'open_source'
  return null
}

/** "1B+" → 1e9 at least; "12,345" → 12345; 500 → 500. */
export function parsePullCount(value: string | number | null | undefined): { pulls: number | null; pullsAtLeast: boolean } {
  if (typeof value === 'number') return { pulls: value, pullsAtLeast: false }
  if (typeof value !== 'string') return { pulls: null, pullsAtLeast: false }
  const m = /^\s*([\d.,]+)\s*([KMB])?\s*(\+)?\s*$/i.exec(value)
  if (!m) return { pulls: null, pullsAtLeast: false }
  const scale = { K: 1e3, M: 1e6, B: 1e9 }[(m[2] ?? '').toUpperCase() as 'K' | 'M' | 'B'] ?? 1
  const n = Number((m[1] as string).replace(/,/g, ''))
  return Number.isFinite(n) ? { pulls: Math.round(n * scale), pullsAtLeast: m[3] === '+' } : { pulls: null, pullsAtLeast: false }
}

export function v2SearchResults(body: V2Search): HubSearchResult[] {
  return body.results.map((r) => ({
    ...splitRepoName(r.repo_name),
    description: r.short_description ?? '',
    stars: r.star_count ?? 0,
    pulls: r.pull_count ?? null,
    pullsAtLeast: false,
    badge: badgeOf(r),
  }))
}

export function catalogSearchResults(body: CatalogSearch): HubSearchResult[] {
  return body.results
    .filter((r) => r.type == null || r.type === 'image')
    .map((r) => ({
      ...splitRepoName(r.slug || r.name),
      description: r.short_description ?? '',
      stars: r.star_count ?? 0,
      ...parsePullCount(r.pull_count),
      badge: badgeOf(r),
    }))
}

// --- Repository: /v2/namespaces/{ns}/repositories/{name} -------------------------------------
export const repositorySchema = z.object({
  name: z.string().min(1),
  namespace: z.string().min(1),
  description: str,
  full_description: str,
  star_count: num,
  pull_count: num,
  last_updated: str,
  date_registered: str,
})

export function toRepository(body: z.output<typeof repositorySchema>): Omit<HubRepository, 'rateLimit'> {
  return {
    namespace: body.namespace,
    name: body.name,
    description: body.description ?? '',
    readme: body.full_description ?? '',
    stars: body.star_count ?? 0,
    pulls: body.pull_count ?? 0,
    lastUpdated: body.last_updated ?? null,
    dateRegistered: body.date_registered ?? null,
    official: body.namespace === 'library',
  }
}

// --- Tags: /v2/namespaces/{ns}/repositories/{name}/tags ---------------------------------------
const imageSchema = z.object({
  architecture: str,
  os: str,
  variant: str,
  digest: str,
  size: num,
  status: str,
  last_pushed: str,
})

export const tagsSchema = z.object({
  count: num,
  next: str,
  previous: str,
  results: tolerantArray(
    z.object({
      name: z.string().min(1),
      full_size: num,
      last_updated: str,
      tag_last_pushed: str,
      digest: str,
      images: tolerantArray(imageSchema).nullish().catch(null),
    }),
  ),
})

function toImage(i: z.output<typeof imageSchema>): HubTagImage | null {
  // Build attestations are stored as images with os and architecture "unknown".
  if (!i.os || !i.architecture || i.os === 'unknown' || i.architecture === 'unknown') return null
  return { os: i.os, architecture: i.architecture, variant: i.variant || null, digest: i.digest ?? null, size: i.size ?? 0, lastPushed: i.last_pushed ?? null }
}

export function toTags(body: z.output<typeof tagsSchema>): HubTag[] {
  return body.results.map((t) => ({
    name: t.name,
    fullSize: t.full_size ?? 0,
    lastUpdated: t.tag_last_pushed ?? t.last_updated ?? null,
    digest: t.digest ?? null,
    images: (t.images ?? []).map(toImage).filter((i): i is HubTagImage => i !== null),
  }))
}
