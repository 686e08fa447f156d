import type { LayerPhase, LayerProgress, TransferAggregate } from '../../../src-shared/contract/transfer'

/** One line of the engine's pull/push NDJSON stream. */
export interface ProgressLine {
  status?: string
  id?: string
  progressDetail?: { current?: number; total?: number }
  progress?: string
  error?: string
  errorDetail?: { message?: string; code?: number }
  aux?: { Tag?: string; Digest?: string; Size?: number }
}

/** How far a layer's phase puts it along its whole way (pull: download 0-0.8, extract 0.8-1). */
const PHASE_SPAN: Record<LayerPhase, [number, number]> = {
  waiting: [0, 0],
  downloading: [0, 0.8],
  verifying: [0.8, 0.8],
  extracting: [0.8, 1],
  uploading: [0, 1],
  done: [1, 1],
}

/** Speed is measured over this much recent time. */
const SPEED_WINDOW_MS = 3000

interface Layer extends LayerProgress {
  /** Bytes transferred (download or upload), kept once the phase moves on to extracting. */
  transferred: number
  transferTotal: number | null
}

/** Maps an engine status word to a phase; null for lines that are not about a layer's progress. */
function phaseOf(status: string): { phase: LayerPhase; skipped?: 'exists' | 'mounted' } | null {
  if (/^(Pulling fs layer|Waiting|Preparing)$/.test(status)) return { phase: 'waiting' }
  if (status === 'Downloading') return { phase: 'downloading' }
  if (status === 'Verifying Checksum' || status === 'Download complete') return { phase: 'verifying' }
  if (status === 'Extracting') return { phase: 'extracting' }
  if (status === 'Pushing') return { phase: 'uploading' }
  if (status === 'Pull complete' || status === 'Pushed') return { phase: 'done' }
  if (status === 'Already exists' || status === 'Layer already exists') return { phase: 'done', skipped: 'exists' }
  if (status.startsWith('Mounted from')) return { phase: 'done', skipped: 'mounted' }
  return null
}

/**
 * Folds the engine's progress lines into per-layer state and one aggregate. Pure: time comes
 * in as an argument, so recorded streams replay exactly.
 */
export class TransferProgress {
  private readonly layers = new Map<string, Layer>()
  private readonly samples: Array<{ at: number; bytes: number }> = []
  /** The last status line that is not about a layer ("Digest: …", "Status: …"). */
  status: string | null = null
  digest: string | null = null
  upToDate = false
  /** The engine's error from inside the 200 stream, if one came. */
  error: string | null = null
  /** The engine announces layers as it goes; the bar never moves back when one more appears. */
  private shownFraction = 0
  /** Set once the engine's stream ended without an error: the bar is full. */
  private complete = false

  /** The stream ended cleanly (even a pull where every layer was already there is complete). */
  finish(): void {
    this.complete = true
  }

  push(line: ProgressLine, now: number): void {
    if (line.error !== undefined || line.errorDetail !== undefined) {
      this.error = (line.errorDetail?.message ?? line.error ?? 'unknown error').trim()
      return
    }
    if (line.aux?.Digest) this.digest = line.aux.Digest
    const status = line.status ?? ''
    const known = line.id ? phaseOf(status) : null
    if (!known || !line.id) {
      if (status) this.noteStatus(status)
      return
    }
    const layer = this.layers.get(line.id) ?? { id: line.id, phase: 'waiting', current: 0, total: null, skipped: null, transferred: 0, transferTotal: null }
    this.layers.set(line.id, layer)
    const detail = line.progressDetail ?? {}
    layer.phase = known.phase
    layer.skipped = known.skipped ?? layer.skipped
    if (known.phase === 'downloading' || known.phase === 'uploading') {
      if (typeof detail.total === 'number' && detail.total > 0) layer.transferTotal = detail.total
      // A push can report a little more than the layer's size (tar padding); keep the larger.
      if (typeof detail.current === 'number') layer.transferred = Math.max(layer.transferred, detail.current)
      layer.current = layer.transferred
      layer.total = layer.transferTotal
    } else if (known.phase === 'extracting') {
      layer.transferred = layer.transferTotal ?? layer.transferred
      layer.current = detail.current ?? 0
      layer.total = detail.total ?? layer.transferTotal
    } else if (known.phase === 'verifying') {
      layer.transferred = layer.transferTotal ?? layer.transferred
      layer.current = layer.transferred
      layer.total = layer.transferTotal
    } else if (known.phase === 'done') {
      if (!known.skipped) layer.transferred = layer.transferTotal ?? layer.transferred
      layer.current = layer.total ?? layer.current
    }
    this.sample(now)
  }

  private noteStatus(status: string): void {
    this.status = status
    const digest = /^Digest: (\S+)/.exec(status)
    if (digest?.[1]) this.digest = digest[1]
    if (/^Status: Image is up to date/.test(status)) this.upToDate = true
  }

  private sample(now: number): void {
    const bytes = this.bytes()
    const last = this.samples[this.samples.length - 1]
    if (last && last.bytes === bytes) return
    this.samples.push({ at: now, bytes })
    while (this.samples.length > 2 && (this.samples[0] as { at: number }).at < now - SPEED_WINDOW_MS) this.samples.shift()
  }

  private bytes(): number {
    let n = 0
    for (const l of this.layers.values()) n += l.transferred
    return n
  }

  /** Bytes per second over the recent window; 0 once nothing moved for the window's length. */
  private speed(now: number): number {
    const first = this.samples[0]
    const last = this.samples[this.samples.length - 1]
    if (!first || !last || last === first || now - last.at > SPEED_WINDOW_MS) return 0
    const span = Math.max(now, last.at) - first.at
    return span > 0 ? ((last.bytes - first.bytes) * 1000) / span : 0
  }

  /**
   * How far the work is, each layer weighted by its size: a 100 MB layer half done counts for
   * more than a 1 MB layer finished. A layer the engine has not sized yet (still waiting) weighs
   * as much as the average sized one. A layer that was already there (or mounted) is no work.
   */
  private weightedFraction(): number {
    const moving = [...this.layers.values()].filter((l) => !l.skipped)
    const sized = moving.filter((l) => l.transferTotal !== null)
    const guess = sized.length > 0 ? sized.reduce((sum, l) => sum + (l.transferTotal as number), 0) / sized.length : 1
    let weight = 0
    let progress = 0
    for (const l of moving) {
      const w = l.transferTotal ?? guess
      const [from, to] = PHASE_SPAN[l.phase]
      const within = l.total && l.total > 0 ? Math.min(1, l.current / l.total) : 0
      weight += w
      progress += w * (from + (to - from) * within)
    }
    return weight > 0 ? progress / weight : 0
  }

  layerList(): LayerProgress[] {
    return [...this.layers.values()].map(({ id, phase, current, total, skipped }) => ({ id, phase, current, total, skipped }))
  }

  aggregate(now: number): TransferAggregate {
    let total = 0
    let anyTotal = false
    let done = 0
    for (const l of this.layers.values()) {
      if (l.transferTotal !== null && !l.skipped) {
        total += l.transferTotal
        anyTotal = true
      }
      if (l.phase === 'done') done++
    }
    const n = this.layers.size
    const fraction = this.weightedFraction()
    this.shownFraction = this.complete ? 1 : Math.max(this.shownFraction, fraction)
    return {
      bytes: this.bytes(),
      totalBytes: anyTotal ? total : null,
      fraction: this.shownFraction,
      bytesPerSecond: Math.round(this.speed(now)),
      layersDone: done,
      layers: n,
    }
  }
}
