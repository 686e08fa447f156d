/** How long a row stays pending after its request succeeded while the engine reported no change (a stop of a stopped container answers 304, no event). */
export const PENDING_SETTLE_MS = 2000

/** One request's hold on one row. */
export interface PendingHold {
  readonly key: string
}

interface Hold extends PendingHold {
  phase: 'requesting' | 'settling'
  timer: ReturnType<typeof setTimeout> | null
}

/**
 * Which rows wait for a request's effect. A row's hold ends when its request fails, or, once
 * the request succeeded, when the row's new state arrives (or after the settle time, when the
 * engine had nothing to report). A patch during the request is not its effect: a restart's
 * `die` comes before its `start`.
 */
export class PendingRows {
  private readonly holds = new Map<string, Set<Hold>>()

  constructor(
    private readonly onChange: (keys: ReadonlySet<string>) => void,
    private readonly settleMs = PENDING_SETTLE_MS,
  ) {}

  has(key: string): boolean {
    return this.holds.has(key)
  }

  /** Marks the rows pending for one request. */
  begin(keys: readonly string[]): PendingHold[] {
    const out: Hold[] = []
    let grew = false
    for (const key of new Set(keys)) {
      const hold: Hold = { key, phase: 'requesting', timer: null }
      const set = this.holds.get(key) ?? new Set()
      if (set.size === 0) grew = true
      set.add(hold)
      this.holds.set(key, set)
      out.push(hold)
    }
    if (grew) this.changed()
    return out
  }

  /** The request succeeded: its rows now wait for their new state, at most the settle time. */
  succeeded(holds: readonly PendingHold[]): void {
    for (const h of holds as Hold[]) {
      if (!this.holds.get(h.key)?.has(h)) continue
      h.phase = 'settling'
      h.timer = setTimeout(() => this.end([h]), this.settleMs)
    }
  }

  /** The holds a patch for these rows answers (their requests succeeded); end them once the patch shows. */
  answeredBy(keys: Iterable<string>): PendingHold[] {
    const out: PendingHold[] = []
    for (const key of keys) for (const h of this.holds.get(key) ?? []) if (h.phase === 'settling') out.push(h)
    return out
  }

  end(holds: readonly PendingHold[]): void {
    let shrank = false
    for (const h of holds as Hold[]) {
      const set = this.holds.get(h.key)
      if (!set?.delete(h)) continue
      if (h.timer) clearTimeout(h.timer)
      if (set.size === 0) {
        this.holds.delete(h.key)
        shrank = true
      }
    }
    if (shrank) this.changed()
  }

  /** Ends every hold waiting for news (the rows are gone, or nobody follows them any more); requests still out keep theirs. */
  endSettling(): void {
    const settling: Hold[] = []
    for (const set of this.holds.values()) for (const h of set) if (h.phase === 'settling') settling.push(h)
    this.end(settling)
  }

  private changed(): void {
    this.onChange(new Set(this.holds.keys()))
  }
}
