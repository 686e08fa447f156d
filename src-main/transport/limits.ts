// What one client may hold at once, so a page (or anything holding the token) cannot grow
// main without bound: 20,000 subscriptions took main from 105 to 188 MB before these existed.
// Generous for real use; docs/ARCHITECTURE.md's security section names them.

/** Browser mode: authenticated WebSockets open at once (a tab each; a reload overlaps briefly). */
export const MAX_SOCKETS = 8

/** Subscriptions one session (a window, or one socket) holds at once; the app uses a few dozen. */
export const MAX_SUBSCRIPTIONS_PER_SESSION = 512
