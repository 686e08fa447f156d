import { adoptToken } from './browser-token'

// Imported first by main.ts, for its effect alone: the token must leave the address before the
// router (created when app/router.ts is imported) reads it as a route.
adoptToken()
