// "Try again in 2 minutes": a wait in seconds as the unit a person would say. Main writes the
// English sentence with it; the renderer translates the same parts.

export interface WaitParts {
  unit: 'seconds' | 'minutes' | 'hours'
  n: number
}

/** Below 90 s in seconds, below 90 min in minutes, else hours; always rounded up (never too early). */
export function waitParts(seconds: number): WaitParts {
  const s = Math.max(1, Math.ceil(seconds))
  if (s < 90) return { unit: 'seconds', n: s }
  if (s < 90 * 60) return { unit: 'minutes', n: Math.ceil(s / 60) }
  return { unit: 'hours', n: Math.ceil(s / 3600) }
}

/** English words for a wait: "45 seconds", "1 minute", "3 hours". */
export function waitWords(seconds: number): string {
  const { unit, n } = waitParts(seconds)
  return `${n} ${n === 1 ? unit.slice(0, -1) : unit}`
}
