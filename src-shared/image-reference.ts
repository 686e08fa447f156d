// Docker's image reference grammar (github.com/distribution/reference, the docker CLI's parser):
//
//   reference  := name [ ":" tag ] [ "@" digest ]
//   name       := [ domain "/" ] path-component [ "/" path-component ]*
//   domain     := host [ ":" port ]        (a first component with "." or ":", or "localhost")
//   path-comp. := [a-z0-9]+ ( ( [._] | "__" | "-"+ ) [a-z0-9]+ )*
//   tag        := [\w][\w.-]{0,127}
//   digest     := algorithm ":" hex        (algorithm [A-Za-z][A-Za-z0-9]* joined by [+._-])
//
// Familiar names get docker.io, library/ and :latest as `docker pull` does. Each mistake has
// its own reason, so a person is told what is wrong and where, in their language.

export interface ImageReference {
  /** Registry host[:port]; `docker.io` for familiar names. */
  registry: string
  /** Repository path inside the registry (`library/busybox`). */
  path: string
  /** The tag; `latest` when neither a tag nor a digest was given; null with a digest only. */
  tag: string | null
  digest: string | null
  /** The repository as `docker images` shows it (`busybox`, `127.0.0.1:5000/team/app`). */
  repository: string
  /** The whole reference as people write it (`busybox:latest`). */
  familiar: string
  /** The fully qualified reference (`docker.io/library/busybox:latest`). */
  canonical: string
}

type ImageReferenceReason =
  | 'image_ref_empty'
  | 'image_ref_whitespace'
  | 'image_ref_too_long'
  | 'image_ref_uppercase'
  | 'image_ref_hex_id'
  | 'image_ref_bad_host'
  | 'image_ref_bad_port'
  | 'image_ref_bad_path'
  | 'image_ref_bad_tag'
  | 'image_ref_bad_digest'
  | 'image_ref_digest_not_allowed'

interface ImageReferenceError {
  reason: ImageReferenceReason
  /** An English sentence with the specifics; other languages translate `reason` with `params`. */
  message: string
  params: Record<string, string | number>
}

export type ParsedReference = { ok: true; value: ImageReference } | { ok: false; error: ImageReferenceError }

const DEFAULT_REGISTRY = 'docker.io'
const DEFAULT_TAG = 'latest'
/** The distribution library's NameTotalLengthMax: registry and path together. */
const NAME_MAX_LENGTH = 255

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/
const IPV6_HOST = /^\[[a-fA-F0-9:]+\]$/
const TAG = /^[\w][\w.-]{0,127}$/
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/
const ANCHORED_HEX64 = /^[a-f0-9]{64}$/

function fail(reason: ImageReferenceReason, message: string, params: Record<string, string | number> = {}): ParsedReference {
  return { ok: false, error: { reason, message, params } }
}

/** Splits off `@digest` and `:tag` (a colon after the last slash is a tag; before it, a port). */
function splitReference(input: string): { name: string; tag: string | null; digest: string | null } {
  let rest = input
  let digest: string | null = null
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
  }
  let tag: string | null = null
  const colon = rest.lastIndexOf(':')
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
  }
  return { name: rest, tag, digest }
}

function looksLikeDomain(first: string): boolean {
  return first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()
}

function checkDomain(domain: string): ParsedReference | null {
  let host = domain
  let port: string | null = null
  const bracket = domain.lastIndexOf(']')
  const colon = domain.lastIndexOf(':')
  if (colon > bracket) {
    host = domain.slice(0, colon)
    port = domain.slice(colon + 1)
  }
  if (port !== null) {
    const n = Number(port)
    if (!/^[0-9]+$/.test(port) || n < 1 || n > 65535) {
      return fail('image_ref_bad_port', `The registry port “${port}” is not a port number (1 to 65535).`, { port })
    }
  }
  const hostOk = IPV6_HOST.test(host) || (host.length > 0 && host.split('.').every((c) => DOMAIN_COMPONENT.test(c)))
  if (!hostOk) {
    return fail('image_ref_bad_host', `“${host}” is not a valid registry host: use letters, digits, dots and dashes (like registry.example.com or localhost:5000).`, { host })
  }
  return null
}

/**
 * Parses a reference as `docker pull` would, filling in docker.io, library/ and :latest.
 * Whitespace around it is a mistake, not trimmed: the caller decides what the user typed.
 */
export function parseImageReference(input: string): ParsedReference {
  if (input.length === 0) return fail('image_ref_empty', 'Type an image reference, like busybox or registry.example.com/team/app:1.0.')
  if (/\s/.test(input)) return fail('image_ref_whitespace', 'An image reference cannot contain spaces.')
  if (ANCHORED_HEX64.test(input)) {
    return fail('image_ref_hex_id', 'This is an image id, not a name: a 64-character hexadecimal string cannot be used as a repository name.')
  }
  const { name, tag, digest } = splitReference(input)
  if (name.length === 0) return fail('image_ref_bad_path', 'The repository name is missing before the tag or digest.', { component: '' })

  const slash = name.indexOf('/')
  const first = slash >= 0 ? name.slice(0, slash) : ''
  const hasDomain = slash >= 0 && looksLikeDomain(first)
  const domain = hasDomain ? first : null
  const remote = hasDomain ? name.slice(slash + 1) : name

  if (domain !== null) {
    const bad = checkDomain(domain)
    if (bad) return bad
  }
  if (name.length > NAME_MAX_LENGTH) {
    return fail('image_ref_too_long', `The repository name is ${name.length} characters long; at most ${NAME_MAX_LENGTH} are allowed.`, { length: name.length, max: NAME_MAX_LENGTH })
  }
  if (remote !== remote.toLowerCase()) {
    return fail('image_ref_uppercase', `Repository names must be lowercase: “${remote}” has capital letters (try “${remote.toLowerCase()}”).`, { name: remote, lower: remote.toLowerCase() })
  }
  for (const component of remote.split('/')) {
    if (!PATH_COMPONENT.test(component)) {
      return fail(
        'image_ref_bad_path',
        component === ''
          ? 'The repository name has an empty part (two slashes in a row, or a slash at the start or end).'
          : `“${component}” is not a valid part of a repository name: use lowercase letters and digits, separated by one “.”, “_”, “__” or dashes.`,
        { component },
      )
    }
  }
  if (tag !== null && !TAG.test(tag)) {
    return fail('image_ref_bad_tag', `“${tag}” is not a valid tag: up to 128 letters, digits, “_”, “.” and “-”, not starting with “.” or “-”.`, { tag })
  }
  if (digest !== null) {
    if (!DIGEST.test(digest)) {
      return fail('image_ref_bad_digest', `“${digest}” is not a valid digest: write it as algorithm:hex, like sha256: followed by 64 hexadecimal characters.`, { digest })
    }
    const [algorithm, hex] = digest.split(':') as [string, string]
    if (algorithm === 'sha256' && !/^[a-f0-9]{64}$/.test(hex)) {
      return fail('image_ref_bad_digest', `A sha256 digest is 64 lowercase hexadecimal characters; this one has ${hex.length}.`, { digest })
    }
  }

  let registry = domain ?? DEFAULT_REGISTRY
  if (registry === 'index.docker.io') registry = DEFAULT_REGISTRY
  const path = registry === DEFAULT_REGISTRY && !remote.includes('/') ? `library/${remote}` : remote
  const effectiveTag = tag ?? (digest ? null : DEFAULT_TAG)
  const repository = registry === DEFAULT_REGISTRY ? path.replace(/^library\//, '') : `${registry}/${path}`
  const suffix = `${effectiveTag !== null ? `:${effectiveTag}` : ''}${digest !== null ? `@${digest}` : ''}`
  return {
    ok: true,
    value: { registry, path, tag: effectiveTag, digest, repository, familiar: `${repository}${suffix}`, canonical: `${registry}/${path}${suffix}` },
  }
}

/** Whether `input` is a reference a tag can take: a name and an optional tag, no digest. */
export function parseTagTarget(input: string): ParsedReference {
  const parsed = parseImageReference(input)
  if (parsed.ok && parsed.value.digest !== null) {
    return fail('image_ref_digest_not_allowed', 'A new tag cannot carry a digest: the engine computes the digest when the image is pushed.', { digest: parsed.value.digest })
  }
  return parsed
}
