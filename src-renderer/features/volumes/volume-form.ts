import { RESERVED_KEYS } from '../../../src-shared/reserved-keys'

/** Docker's volume name grammar: a letter or digit, then letters, digits, _ . - (two characters at least). */
export const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/

export type KeyValueResult = { ok: true; values: Record<string, string> } | { ok: false; line: number; text: string }

/**
 * `key=value` lines (driver options, labels) as a map. Blank lines are skipped; a line without
 * `=`, with an empty key or a key with spaces, a key given twice, or a reserved key (`__proto__`,
 * which an object would swallow, and the others main refuses) is an error naming its line.
 * The value is everything after the first `=` (it may hold more).
 */
export function parseKeyValues(text: string): KeyValueResult {
  const values: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim()
    if (line === '') continue
    const eq = line.indexOf('=')
    const key = eq < 0 ? '' : line.slice(0, eq).trim()
    if (eq <= 0 || key === '' || /\s/.test(key) || RESERVED_KEYS.has(key) || Object.hasOwn(values, key)) return { ok: false, line: i + 1, text: line }
    values[key] = line.slice(eq + 1).trim()
  }
  return { ok: true, values }
}

/** The name problem to show, or null: an empty name is fine (the engine picks one). */
export function volumeNameProblem(name: string): 'short' | 'chars' | null {
  if (name === '') return null
  if (name.length < 2) return 'short'
  return VOLUME_NAME.test(name) ? null : 'chars'
}

/** A random token for following one transfer's progress. */
export function progressToken(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return `t-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

/** The folder above a volume path ("/" stays "/"). */
export function parentPath(path: string): string {
  const cut = path.lastIndexOf('/')
  return cut <= 0 ? '/' : path.slice(0, cut)
}

export function childPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`
}
