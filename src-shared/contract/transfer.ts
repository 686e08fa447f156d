// The progress model pull and push share (zod-free: the renderer's dialogs import it at no cost).

/** Where one layer is: pulls wait, download, verify, extract; pushes wait and upload. */
export type LayerPhase = 'waiting' | 'downloading' | 'verifying' | 'extracting' | 'uploading' | 'done'

export interface LayerProgress {
  /** The engine's short layer id (12 hex characters). */
  id: string
  phase: LayerPhase
  /** Bytes of the current phase done, and its size when the engine said it. */
  current: number
  total: number | null
  /** Why a layer is done without a transfer: it existed locally, or the registry mounted it. */
  skipped: 'exists' | 'mounted' | null
}

export interface TransferAggregate {
  /** Bytes downloaded (pull) or uploaded (push) so far, over all layers. */
  bytes: number
  /** The sum of the layer sizes the engine announced (null while none is known). */
  totalBytes: number | null
  /** 0…1 over every layer's phases (a pull's extraction counts for its last fifth). */
  fraction: number
  /** Bytes per second over the last seconds of transfer. */
  bytesPerSecond: number
  layersDone: number
  layers: number
}

export type TransferMessage =
  | { kind: 'started'; transferId: string; reference: string }
  | { kind: 'progress'; layers: LayerProgress[]; aggregate: TransferAggregate; status: string | null }
  | {
      kind: 'done'
      reference: string
      /** The image id the reference now names (null if the engine did not say). */
      imageId: string | null
      digest: string | null
      /** A pull that found nothing new says so. */
      upToDate: boolean
      aggregate: TransferAggregate
    }

/** What a cancelled transfer left behind. */
export interface TransferCancelled {
  reference: string
  /** Layers complete before the cancel: they stay in the engine's layer store (or the registry). */
  layersDone: number
  /** Layers not complete: their partial data is discarded; the image was not created. */
  layersLeft: number
  bytes: number
}
