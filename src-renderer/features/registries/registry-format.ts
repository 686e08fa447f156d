import type { CredentialSource } from '../../../src-shared/contract/registries'

// Pure helpers of the Registries screens.

/** The reference `docker pull` takes for a tag (Docker Hub's own images without the host). */
export function pullReference(registry: string, repository: string, tag: string): string {
  const ref = tag.includes(':') ? `${repository}@${tag}` : `${repository}:${tag}`
  return registry === 'docker.io' ? ref : `${registry}/${ref}`
}

/** `os/architecture[/variant]`, the platform string of `docker pull --platform`. */
export function platformString(p: { os: string; architecture: string; variant: string | null }): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/')
}

/** The helper's name of a `helper:<name>` source, or null for the file. */
export function helperName(source: CredentialSource): string | null {
  return source.startsWith('helper:') ? source.slice('helper:'.length) : null
}

/** Case-insensitive substring filter that keeps the registry's order. */
export function filterNames(names: readonly string[], query: string): string[] {
  const q = query.trim().toLowerCase()
  return q ? names.filter((n) => n.toLowerCase().includes(q)) : [...names]
}

/** A digest shortened for a table cell: algorithm and the first 12 hex digits. */
export function shortDigest(digest: string): string {
  const [algo, hex] = digest.split(':')
  return hex ? `${algo}:${hex.slice(0, 12)}` : digest
}
