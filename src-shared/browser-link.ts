// Browser mode's link. The token rides in the query of the URL's fragment (`#/route?token=…`):
// a browser never sends a fragment to any server, and no cookie holds the token, so no other
// server on 127.0.0.1 (cookies ignore the port) can learn it. The page moves it out of the
// address into its tab's sessionStorage (src-renderer/api/browser-token.ts).

const PARAM = 'token'

/** The link Berth prints: opens `route` (a hash route, query allowed) with the token. */
export function browserLink(origin: string, token: string, route = '/'): string {
  const at = route.indexOf('?')
  const params = new URLSearchParams(at < 0 ? '' : route.slice(at + 1))
  params.set(PARAM, token)
  return `${origin}/#${at < 0 ? route : route.slice(0, at)}?${params}`
}

/** The token in a location's fragment, and the fragment without it. */
export function splitToken(hash: string): { token: string | null; hash: string } {
  const at = hash.indexOf('?')
  if (at < 0) return { token: null, hash }
  const params = new URLSearchParams(hash.slice(at + 1))
  const token = params.get(PARAM)
  if (token === null) return { token: null, hash }
  params.delete(PARAM)
  const rest = params.toString()
  return { token, hash: hash.slice(0, at) + (rest ? `?${rest}` : '') }
}
