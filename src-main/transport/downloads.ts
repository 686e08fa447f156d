import { randomBytes } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import type { ExportFile, ExportResult, ExportTarget } from '../exports/target'

/** How long a download link stays valid after it was handed out. */
export const DOWNLOAD_TTL_MS = 60_000
export const DOWNLOAD_PATH = '/downloads/'

interface Offer {
  file: ExportFile
  expires: number
}

/**
 * Browser mode's export target: each export becomes a one-time link on the browser-mode
 * server. The link is the credential (a browser download cannot send a header): a random id,
 * told only to the socket that asked (which presented the token), used once within 60 s.
 * What it exports was fixed, and validated, when the page asked for it. No timer runs:
 * expired links are dropped whenever links are handed out or used.
 */
export class Downloads implements ExportTarget {
  private readonly offers = new Map<string, Offer>()

  constructor(private readonly now: () => number = Date.now) {}

  deliver(file: ExportFile): Promise<ExportResult> {
    this.prune()
    const id = randomBytes(24).toString('base64url')
    this.offers.set(id, { file, expires: this.now() + DOWNLOAD_TTL_MS })
    return Promise.resolve({ kind: 'download', url: `${DOWNLOAD_PATH}${id}` })
  }

  /** The file behind a link, once; null when unknown, used or expired. */
  take(id: string): ExportFile | null {
    this.prune()
    const offer = this.offers.get(id)
    this.offers.delete(id)
    return offer ? offer.file : null
  }

  get pending(): number {
    return this.offers.size
  }

  private prune(): void {
    const now = this.now()
    for (const [id, o] of this.offers) if (o.expires <= now) this.offers.delete(id)
  }
}

/** Streams an export as an attachment; an engine failure midway cuts the response (the browser shows a failed download). */
export function sendDownload(file: ExportFile, res: ServerResponse, headers: Record<string, string>): void {
  const ascii = file.suggestedName.replace(/[^\w.-]/g, '_')
  res.writeHead(200, {
    ...headers,
    'Content-Type': file.contentType ?? 'text/plain; charset=utf-8',
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.suggestedName)}`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  })
  file.writeTo(res).then(
    () => res.end(),
    () => res.destroy(),
  )
}
