import type { ErrorSubject } from './errors'

const FULL_ID = /^(sha256:)?[a-f0-9]{64}$/

/** What an engine error is about, for its message: a full 64-digit id is shortened as the CLI shows it. */
export function subject(kind: ErrorSubject['kind'], ref: string): ErrorSubject {
  return { kind, ref: FULL_ID.test(ref) ? ref.replace(/^sha256:/, '').slice(0, 12) : ref }
}
