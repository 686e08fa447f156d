import type { VolumeProgress } from '../../../src-shared/contract/volumes'
import type { StreamSource } from '../../streams/registry'

/** At most one progress message this often per transfer (plus the last). */
const PROGRESS_EVERY_MS = 200

/** A transfer's progress reporter: bytes as they move, then done. */
export interface ProgressReporter {
  add(bytes: number): void
  done(): void
}

const SILENT: ProgressReporter = { add: () => undefined, done: () => undefined }

/**
 * Progress of exports, imports and clones, by the token the page chose. The page subscribes
 * (`volumes:progress`) before it starts the transfer; a token nobody watches reports nowhere.
 */
export class ProgressHub {
  private readonly watchers = new Map<string, Set<(p: VolumeProgress) => void>>()

  source(token: string): StreamSource<VolumeProgress> {
    return {
      open: (emit) => {
        const set = this.watchers.get(token) ?? new Set()
        set.add(emit)
        this.watchers.set(token, set)
        return () => {
          set.delete(emit)
          if (set.size === 0) this.watchers.delete(token)
        }
      },
    }
  }

  reporter(token: string | undefined, expected: number | null, now: () => number = Date.now): ProgressReporter {
    if (!token) return SILENT
    let bytes = 0
    let last = 0
    const send = (done: boolean) => {
      for (const w of this.watchers.get(token) ?? []) w({ bytes, expected, done })
    }
    return {
      add: (n) => {
        bytes += n
        const t = now()
        if (t - last >= PROGRESS_EVERY_MS) {
          last = t
          send(false)
        }
      },
      done: () => send(true),
    }
  }
}
