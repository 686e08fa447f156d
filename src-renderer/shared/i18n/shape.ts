// Every locale must provide every key of English, as strings.
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }
/** A messages file (shared/i18n/en.ts, features/<name>/i18n/en.ts) as another language must provide it. */
export type DomainShape<T> = Widen<T>
