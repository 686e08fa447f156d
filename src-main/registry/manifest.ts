import { BerthError } from '../../src-shared/contract/errors'

// Manifests of the distribution and OCI specs: an index (manifest list) points at one image
// manifest per platform; an image manifest lists its config blob and layers with their sizes.

const INDEX_TYPES = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']
const IMAGE_TYPES = ['application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v2+json']

/** What the browser asks for: every type it can read, index first (the registry picks one). */
export const MANIFEST_ACCEPT = [...INDEX_TYPES, ...IMAGE_TYPES].join(', ')

export interface Platform {
  os: string
  architecture: string
  variant: string | null
}

interface IndexEntry {
  digest: string
  platform: Platform | null
  /** BuildKit's attestation manifests ride in the index as `unknown/unknown`; they are not platforms. */
  attestation: boolean
}

export type ParsedManifest = { kind: 'index'; mediaType: string; entries: IndexEntry[] } | { kind: 'image'; mediaType: string; configDigest: string; size: number }

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

function unsupported(why: string): BerthError {
  return new BerthError('INVALID_INPUT', `The registry sent a manifest Berth cannot read: ${why}.`, { reason: 'registry_manifest_unsupported' })
}

export function parseManifest(body: string, contentType: string | null): ParsedManifest {
  let doc: unknown
  try {
    doc = JSON.parse(body)
  } catch {
    throw unsupported('it is not JSON')
  }
  if (!isObject(doc)) throw unsupported('it is not a JSON object')
  // The body's own mediaType wins; the header can carry parameters or be generic.
  const declared = typeof doc.mediaType === 'string' ? doc.mediaType : ((contentType ?? '').split(';')[0]?.trim() ?? '')
  const mediaType = declared || (Array.isArray(doc.manifests) ? INDEX_TYPES[0]! : IMAGE_TYPES[0]!)
  if (doc.schemaVersion === 1 || /distribution\.manifest\.v1\+/.test(mediaType)) throw unsupported('Docker schema 1 manifests are deprecated')
  if (INDEX_TYPES.includes(mediaType) || (!doc.mediaType && Array.isArray(doc.manifests))) {
    if (!Array.isArray(doc.manifests)) throw unsupported('the index lists no manifests')
    return { kind: 'index', mediaType, entries: doc.manifests.filter(isObject).map(indexEntry) }
  }
  if (IMAGE_TYPES.includes(mediaType) || isObject(doc.config)) {
    const config = doc.config
    if (!isObject(config) || typeof config.digest !== 'string') throw unsupported('the image manifest has no config')
    const layers = Array.isArray(doc.layers) ? doc.layers.filter(isObject) : []
    const size = [config, ...layers].reduce((sum, d) => sum + (typeof d.size === 'number' && d.size >= 0 ? d.size : 0), 0)
    return { kind: 'image', mediaType, configDigest: config.digest, size }
  }
  throw unsupported(`unknown media type ${mediaType}`)
}

function indexEntry(m: Json): IndexEntry {
  const p = isObject(m.platform) ? m.platform : null
  const platform =
    p && typeof p.os === 'string' && typeof p.architecture === 'string' ? { os: p.os, architecture: p.architecture, variant: typeof p.variant === 'string' && p.variant ? p.variant : null } : null
  const annotations = isObject(m.annotations) ? m.annotations : {}
  const attestation = annotations['vnd.docker.reference.type'] === 'attestation-manifest' || (platform?.os === 'unknown' && platform.architecture === 'unknown')
  return { digest: typeof m.digest === 'string' ? m.digest : '', platform, attestation }
}

/** os/architecture/variant out of an image config blob. */
export function platformOfConfig(body: string): Platform {
  let doc: unknown
  try {
    doc = JSON.parse(body)
  } catch {
    doc = null
  }
  if (!isObject(doc)) return { os: 'unknown', architecture: 'unknown', variant: null }
  return {
    os: typeof doc.os === 'string' && doc.os ? doc.os : 'unknown',
    architecture: typeof doc.architecture === 'string' && doc.architecture ? doc.architecture : 'unknown',
    variant: typeof doc.variant === 'string' && doc.variant ? doc.variant : null,
  }
}
