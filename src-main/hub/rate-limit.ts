import type { HubRateLimit } from '../../src-shared/contract/hub'

// Docker Hub's answers carry their rate limit in one of two spellings: `x-ratelimit-limit`,
// `-remaining`, `-reset` (epoch seconds) on hub.docker.com's API, and the IETF draft's
// `ratelimit-limit: 100;w=21600` (limit and window) on the registry side.

interface HeaderSource {
  get(name: string): string | null
}

/** The number before any `;`, or null. */
function leadingNumber(value: string | null): number | null {
  if (value === null) return null
  const m = /^\s*(\d+(?:\.\d+)?)/.exec(value)
  return m ? Number(m[1]) : null
}

function windowOf(value: string | null): number | null {
  if (value === null) return null
  const m = /;\s*w=(\d+)/.exec(value)
  return m ? Number(m[1]) : null
}

export function parseRateLimit(headers: HeaderSource, nowMs: number): HubRateLimit | null {
  const limitRaw = headers.get('x-ratelimit-limit') ?? headers.get('ratelimit-limit')
  const remainingRaw = headers.get('x-ratelimit-remaining') ?? headers.get('ratelimit-remaining')
  const limit = leadingNumber(limitRaw)
  const remaining = leadingNumber(remainingRaw)
  const windowSeconds = windowOf(limitRaw) ?? windowOf(remainingRaw)
  let resetAt: number | null = null
  const xReset = leadingNumber(headers.get('x-ratelimit-reset'))
  const reset = leadingNumber(headers.get('ratelimit-reset'))
  // x-ratelimit-reset is an epoch second; the draft's ratelimit-reset is seconds from now.
  if (xReset !== null) resetAt = xReset > 1e9 ? xReset * 1000 : nowMs + xReset * 1000
  else if (reset !== null) resetAt = nowMs + reset * 1000
  if (limit === null && remaining === null && resetAt === null) return null
  return { limit, remaining, windowSeconds, resetAt }
}

/**
 * Seconds to wait after a 429: Retry-After as seconds or an HTTP date, else the rate limit's
 * reset; null when the answer says nothing.
 */
export function retryAfterSeconds(headers: HeaderSource, nowMs: number): number | null {
  const raw = headers.get('retry-after')?.trim()
  if (raw) {
    if (/^\d+$/.test(raw)) return Number(raw)
    const date = Date.parse(raw)
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - nowMs) / 1000))
  }
  const resetAt = parseRateLimit(headers, nowMs)?.resetAt
  return resetAt != null ? Math.max(0, Math.ceil((resetAt - nowMs) / 1000)) : null
}
