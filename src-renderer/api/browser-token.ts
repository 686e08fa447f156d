import { splitToken } from '../../src-shared/browser-link'

// Browser mode's token, kept by the page: it arrives once in the link's fragment (never sent
// to a server), then lives in this tab's sessionStorage, which no other origin (port) can read
// and which survives a reload. It goes to main on the socket and on uploads, nowhere else.

const KEY = 'berth:token'

type Place = { location: Pick<Location, 'hash' | 'pathname' | 'search'>; history: Pick<History, 'replaceState' | 'state'>; sessionStorage: Pick<Storage, 'getItem' | 'setItem'> }

/**
 * Moves the token from the address (`#/…?token=…`) into sessionStorage, and out of the address
 * bar and history. Must run before the router reads the address (api/adopt-token.ts).
 */
export function adoptToken(place: Place = window): void {
  const { token, hash } = splitToken(place.location.hash)
  if (token === null) return
  place.sessionStorage.setItem(KEY, token)
  place.history.replaceState(place.history.state, '', `${place.location.pathname}${place.location.search}${hash || '#/'}`)
}

/** The token this tab holds, or null when the page was opened without Berth's link. */
export function browserToken(storage: Pick<Storage, 'getItem'> = sessionStorage): string | null {
  try {
    return storage.getItem(KEY)
  } catch {
    return null
  }
}
