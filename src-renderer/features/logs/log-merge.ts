// Merging the log streams of several containers into one, in time order.

import { compareTimed, type Timed } from '../../../src-shared/log-order'

export { compareTimed, type Timed }

/** A k-way merge of lists each already in time order; equal times keep the lists' order. */
export function mergeSorted<T extends Timed>(lists: readonly (readonly T[])[]): T[] {
  const pos = lists.map(() => 0)
  const total = lists.reduce((n, l) => n + l.length, 0)
  const out: T[] = []
  while (out.length < total) {
    let best = -1
    for (let k = 0; k < lists.length; k++) {
      const cand = (lists[k] as readonly T[])[pos[k] as number]
      if (cand === undefined) continue
      if (best < 0 || compareTimed(cand, (lists[best] as readonly T[])[pos[best] as number] as T) < 0) best = k
    }
    out.push((lists[best] as readonly T[])[pos[best] as number] as T)
    pos[best] = (pos[best] as number) + 1
  }
  return out
}

interface Queued<T> {
  line: T
  arrived: number
}

/**
 * Orders lines that arrive from several live streams. Each stream is in order by itself; a line
 * is released once every other open stream has shown a line at least as new (so nothing older can
 * still come from it), or after `holdMs` at the latest, so a quiet stream never holds the others
 * back. At the start every stream gets `startMs` to send its tail before any line is released.
 */
export class LogMerger<T extends Timed> {
  private readonly queues: Queued<T>[][]
  private readonly seen: (T | null)[]
  private readonly ended: boolean[]
  private readonly spoke: boolean[]

  constructor(
    sources: number,
    private readonly started: number,
    private readonly holdMs = 200,
    private readonly startMs = 1000,
  ) {
    this.queues = Array.from({ length: sources }, () => [])
    this.seen = Array.from({ length: sources }, () => null)
    this.ended = Array.from({ length: sources }, () => false)
    this.spoke = Array.from({ length: sources }, () => false)
  }

  push(source: number, lines: readonly T[], now: number): void {
    this.spoke[source] = true
    const q = this.queues[source] as Queued<T>[]
    for (const line of lines) q.push({ line, arrived: now })
    const last = lines[lines.length - 1]
    if (last) this.seen[source] = last
  }

  /** The stream will send nothing more (done, error, or no lines to give). */
  end(source: number): void {
    this.ended[source] = true
    this.spoke[source] = true
  }

  /** Lines that may go on screen now, in time order. */
  take(now: number): T[] {
    const starting = now < this.started + this.startMs && this.spoke.some((s) => !s)
    const ready = this.queues.map((q, k) => {
      let n = 0
      while (n < q.length && this.releasable(k, q[n] as Queued<T>, now, starting)) n++
      return q.splice(0, n).map((e) => e.line)
    })
    return mergeSorted(ready)
  }

  /** Milliseconds until take() may release something more; null when nothing waits. */
  nextDue(now: number): number | null {
    let due: number | null = null
    for (const q of this.queues) {
      const head = q[0]
      if (!head) continue
      const at = Math.max(head.arrived + this.holdMs, this.spoke.every(Boolean) ? 0 : this.started + this.startMs)
      due = due === null ? at : Math.min(due, at)
    }
    return due === null ? null : Math.max(0, due - now)
  }

  private releasable(source: number, e: Queued<T>, now: number, starting: boolean): boolean {
    if (starting) return false
    if (now - e.arrived >= this.holdMs) return true
    for (let k = 0; k < this.queues.length; k++) {
      if (k === source || this.ended[k]) continue
      const other = this.seen[k]
      if (!other || compareTimed(other, e.line) < 0) return false
    }
    return true
  }
}

const PALETTE_SIZE = 8

/** Hash of a name (FNV-1a), for a colour that stays the same for a container across views. */
function hash(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** A palette slot (0–7) per name: by hash, moving on to the next free slot on a collision. */
export function sourceColours(names: readonly string[]): Map<string, number> {
  const out = new Map<string, number>()
  const used = new Set<number>()
  for (const name of [...names].sort()) {
    let slot = hash(name) % PALETTE_SIZE
    for (let tries = 0; used.has(slot) && tries < PALETTE_SIZE; tries++) slot = (slot + 1) % PALETTE_SIZE
    used.add(slot)
    if (used.size === PALETTE_SIZE) used.clear()
    out.set(name, slot)
  }
  return out
}
