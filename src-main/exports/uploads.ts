import type { Readable } from 'node:stream'

/** What an upload link accepts: `size` bytes for `name`, handed to `receive` as they arrive. */
export interface UploadOffer {
  name: string
  size: number
  /** Consumes the body; its result is the JSON answer. Throws a BerthError to refuse. */
  receive(body: Readable): Promise<unknown>
}

/** Hands out a one-time link the page posts a file's bytes to (browser mode's transport/uploads.ts). */
export interface UploadOffers {
  offer(offer: UploadOffer): string
}
