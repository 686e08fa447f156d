// Readers for engine documents whose fields vary across engines and API versions:
// a missing or mistyped field reads as empty, never as a crash.
export type Obj = Record<string, unknown>

export const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {})
export const str = (v: unknown): string => (typeof v === 'string' ? v : '')
export const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)
/** A string list; a lone string counts as a list of one (Cmd and Entrypoint may be either). */
export const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [])
