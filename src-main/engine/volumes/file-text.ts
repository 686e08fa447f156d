import type { Readable } from 'node:stream'
import { extract as tarExtract, type Header } from 'tar-stream'

/** Text or binary: a NUL byte in the first 8 KiB, or bytes that are not UTF-8, make a file binary. */
export function decodeText(bytes: Buffer): string | null {
  if (bytes.subarray(0, 8192).includes(0)) return null
  try {
    // `stream: true` lets a character cut by the size cap at the very end pass.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true })
  } catch {
    return null
  }
}

export interface FirstEntry {
  header: Header
  bytes: Buffer
  truncated: boolean
}

/** The first entry of an archive (a file's own archive holds just it): its header and up to `maxBytes` of content; reading stops there. */
export function readFirstEntry(archive: Readable, maxBytes: number): Promise<FirstEntry | null> {
  const ex = tarExtract()
  return new Promise<FirstEntry | null>((resolve, reject) => {
    let settled = false
    const finish = (err: Error | null, value: FirstEntry | null = null) => {
      if (settled) return
      settled = true
      archive.unpipe(ex)
      archive.destroy()
      ex.destroy()
      if (err) reject(err)
      else resolve(value)
    }
    ex.on('entry', (header, body) => {
      const chunks: Buffer[] = []
      let kept = 0
      body.on('data', (data: unknown) => {
        const c = data as Buffer
        if (kept >= maxBytes) return
        const part = c.subarray(0, maxBytes - kept)
        chunks.push(part)
        kept += part.length
        if (kept >= maxBytes) finish(null, { header, bytes: Buffer.concat(chunks), truncated: (header.size ?? 0) > kept })
      })
      body.on('end', () => finish(null, { header, bytes: Buffer.concat(chunks), truncated: false }))
      body.on('error', (e: Error) => finish(e))
    })
    ex.on('finish', () => finish(null, null))
    ex.on('error', (e) => finish(e))
    archive.on('error', (e) => finish(e))
    archive.pipe(ex)
  })
}
