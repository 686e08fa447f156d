import type { BerthErrorShape } from '../../src-shared/contract/errors'
import type { Disposer } from './disposable'

/**
 * Lets a fast source wait for its slowest subscriber (a socket whose send buffer is full)
 * instead of queueing without bound.
 */
export interface Flow {
  /** True while some subscriber cannot take more right now. */
  congested(): boolean
  /** Calls `resume` once no subscriber is congested (at once when none is). */
  whenClear(resume: () => void): void
}

/** Something that produces messages while open; opening and closing are its only lifecycle. */
export interface StreamSource<M> {
  open(emit: (message: M) => void, end: (error?: BerthErrorShape) => void, flow?: Flow): Disposer
  /** Sent to each new subscriber first (e.g. the current connection state). */
  initial?: () => M | undefined
  /** Sent to a subscriber who joins an open source, after `initial`: what it missed (e.g. recent log lines). */
  replay?: () => M[]
}

export interface Subscriber<M> {
  onMessage(message: M): void
  onEnd(error?: BerthErrorShape): void
  /** A subscriber that can fall behind says so; one that cannot leaves these out. */
  congested?(): boolean
  whenClear?(resume: () => void): void
}

interface Entry {
  close: Disposer | null
  subscribers: Set<Subscriber<unknown>>
  source: StreamSource<unknown>
}

/**
 * The one place streams are shared: a source opens with its first subscriber and closes
 * with its last. Keys name what is streamed (`events`, later `stats:<id>`), so two views
 * watching the same thing share one engine stream.
 */
export class StreamRegistry {
  private readonly entries = new Map<string, Entry>()

  subscribe<M>(key: string, makeSource: () => StreamSource<M>, subscriber: Subscriber<M>): Disposer {
    let entry = this.entries.get(key)
    const sub = subscriber as Subscriber<unknown>
    if (!entry) {
      const source = makeSource() as StreamSource<unknown>
      const created: Entry = { close: null, subscribers: new Set([sub]), source }
      entry = created
      this.entries.set(key, created)
      let close: Disposer
      try {
        this.deliverInitial(created, sub)
        close = source.open(
          (m) => {
            for (const s of [...created.subscribers]) s.onMessage(m)
          },
          (error) => this.endEntry(key, created, error),
          flowOf(created),
        )
      } catch (err) {
        // A source that cannot open leaves nothing behind for the next subscriber to share.
        if (this.entries.get(key) === created) this.entries.delete(key)
        throw err
      }
      // A source may end while still opening; then nobody else will ever close it.
      if (this.entries.get(key) === created) created.close = close
      else close()
    } else {
      entry.subscribers.add(sub)
      this.deliverInitial(entry, sub)
      for (const m of entry.source.replay?.() ?? []) sub.onMessage(m)
    }
    const owned = entry
    let done = false
    return () => {
      if (done) return
      done = true
      owned.subscribers.delete(sub)
      if (owned.subscribers.size === 0 && this.entries.get(key) === owned) {
        this.entries.delete(key)
        owned.close?.()
      }
    }
  }

  /** Streams open right now, by key; tests assert this drops to zero. */
  openKeys(): string[] {
    return [...this.entries.keys()]
  }

  subscriberCount(key: string): number {
    return this.entries.get(key)?.subscribers.size ?? 0
  }

  closeAll(): void {
    for (const [key, entry] of [...this.entries]) this.endEntry(key, entry)
  }

  private deliverInitial(entry: Entry, sub: Subscriber<unknown>): void {
    const first = entry.source.initial?.()
    if (first !== undefined) sub.onMessage(first)
  }

  private endEntry(key: string, entry: Entry, error?: BerthErrorShape): void {
    if (this.entries.get(key) === entry) this.entries.delete(key)
    entry.close?.()
    entry.close = null
    for (const s of [...entry.subscribers]) s.onEnd(error)
    entry.subscribers.clear()
  }
}

function flowOf(entry: Entry): Flow {
  const blocked = () => [...entry.subscribers].find((s) => s.congested?.() === true)
  const flow: Flow = {
    congested: () => blocked() !== undefined,
    whenClear(resume) {
      const slow = blocked()
      if (!slow?.whenClear) return resume()
      // Wait for this one, then look again: another may have filled up meanwhile.
      slow.whenClear(() => flow.whenClear(resume))
    },
  }
  return flow
}
