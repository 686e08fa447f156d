import type { HubTagImage } from '../../../src-shared/contract/hub'

// How the Hub screens write counts, digests, platforms and references.

/** 1.2M / 120만: a compact count in the UI language; "+" when the Hub gave a floor. */
export function formatCount(n: number, locale: string, atLeast = false): string {
  const text = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(n)
  return atLeast ? `${text}+` : text
}

/** sha256:0123456789ab… → 0123456789ab (the 12 hex digits the docker CLI shows). */
export function shortDigest(digest: string | null): string {
  if (!digest) return ''
  const hex = digest.includes(':') ? digest.slice(digest.indexOf(':') + 1) : digest
  return hex.slice(0, 12)
}

/** linux/arm64/v8, as `docker pull --platform` takes it. */
export function platformOf(image: Pick<HubTagImage, 'os' | 'architecture' | 'variant'>): string {
  return [image.os, image.architecture, image.variant].filter(Boolean).join('/')
}

/** What `docker pull` is given: official images without library/. */
export function referenceFor(namespace: string, name: string, tag?: string): string {
  const repo = namespace === 'library' ? name : `${namespace}/${name}`
  return tag ? `${repo}:${tag}` : repo
}

// The engine reports uname's machine names; the Hub uses Go's GOARCH names.
const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', aarch64: 'arm64', armv7l: 'arm', armhf: 'arm', i386: '386', i686: '386' }

/** The engine's own platform ("linux/amd64"), or null when unknown. */
export function enginePlatform(info: { osType: string; arch: string } | null | undefined): string | null {
  if (!info?.osType || !info.arch) return null
  return `${info.osType}/${ARCH_ALIASES[info.arch] ?? info.arch}`
}

/** The platform a pull picks first: the engine's own when the tag has it, else the first listed. */
export function defaultPlatform(platforms: string[], engine: string | null): string | null {
  if (platforms.length === 0) return null
  if (engine) {
    const match = platforms.find((p) => p === engine || p.startsWith(`${engine}/`))
    if (match) return match
  }
  return platforms[0] ?? null
}
