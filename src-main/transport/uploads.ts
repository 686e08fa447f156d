import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { BerthError } from '../../src-shared/contract/errors'
import type { UploadOffer, UploadOffers } from '../exports/uploads'

/** How long an upload link stays valid after it was handed out. */
export const UPLOAD_TTL_MS = 60_000
export const UPLOAD_PATH = '/uploads/'

/**
 * Browser mode's uploads: a request (validated by the router, its target checked) hands out
 * a one-time link; the page POSTs the file's bytes to it, from our Origin and with its token
 * in a Bearer header (web-server.ts checks both). The link names nothing but a random id.
 */
export class Uploads implements UploadOffers {
  private readonly offers = new Map<string, { offer: UploadOffer; expires: number }>()

  constructor(private readonly now: () => number = Date.now) {}

  offer(offer: UploadOffer): string {
    this.prune()
    const id = randomBytes(24).toString('base64url')
    this.offers.set(id, { offer, expires: this.now() + UPLOAD_TTL_MS })
    return `${UPLOAD_PATH}${id}`
  }

  take(id: string): UploadOffer | null {
    this.prune()
    const entry = this.offers.get(id)
    this.offers.delete(id)
    return entry?.offer ?? null
  }

  private prune(): void {
    const now = this.now()
    for (const [id, o] of this.offers) if (o.expires <= now) this.offers.delete(id)
  }
}

const STATUS: Record<string, number> = { CONFLICT: 409, NOT_FOUND: 404, INVALID_INPUT: 400, PERMISSION_DENIED: 403, ENGINE_UNREACHABLE: 503 }

/** Streams the request body to the offer; answers JSON: the offer's result, or an error shape. */
export async function receiveUpload(offer: UploadOffer, req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): Promise<void> {
  const reply = (status: number, body: unknown) => {
    res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
    res.end(JSON.stringify(body))
  }
  const length = Number(req.headers['content-length'])
  if (!Number.isFinite(length) || length !== offer.size) {
    req.resume()
    const e = new BerthError('INVALID_INPUT', `The upload of “${offer.name}” announced ${offer.size} bytes but sent ${Number.isFinite(length) ? length : 'an unknown number of'}.`, {
      reason: 'upload_size_mismatch',
      name: offer.name,
    })
    return reply(400, e.toJSON())
  }
  try {
    reply(200, (await offer.receive(req)) ?? {})
  } catch (err) {
    const e = err instanceof BerthError ? err : new BerthError('INTERNAL', String(err))
    req.resume()
    reply(STATUS[e.code] ?? 500, e.toJSON())
  }
}
