import type { en } from '../../app/i18n/en'

// Every locale must provide every key of English, as strings.
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }
export type MessageShape = Widen<typeof en>
/** A domain's messages file (features/<name>/i18n/en.ts) as another language must provide it. */
export type DomainShape<T> = Widen<T>
