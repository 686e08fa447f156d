/** What a list screen shows instead of (or before) its table; null: the table alone. */
export type ListState = 'offline' | 'error' | 'loading' | 'empty' | 'no-match' | null

export interface ListFacts {
  /** The engine is gone. */
  offline: boolean
  /** Nothing to say until the engine is connected (the list comes with the connection). */
  waiting: boolean
  loaded: boolean
  /** The last list failed. */
  failed: boolean
  /** The engine has none of these. */
  empty: boolean
  /** The search or filter leaves none on screen. */
  noMatch: boolean
}

/** The list screen's state, the first that holds in this order. */
export function listState(f: ListFacts): ListState {
  if (f.offline) return 'offline'
  if (!f.loaded) return f.waiting ? null : f.failed ? 'error' : 'loading'
  if (f.empty) return 'empty'
  return f.noMatch ? 'no-match' : null
}
