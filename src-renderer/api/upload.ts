import { isErrorShape } from '../../src-shared/contract/errors'
import { browserToken } from './browser-token'

/**
 * Browser mode: sends a picked file's bytes to the one-time upload link main handed out, with the
 * page's token (main refuses an upload without it). Rejects with main's error value.
 */
export async function postUpload(url: string, body: Blob, contentType?: string): Promise<void> {
  const headers: Record<string, string> = { Authorization: `Bearer ${browserToken() ?? ''}` }
  if (contentType) headers['Content-Type'] = contentType
  const res = await fetch(url, { method: 'POST', body, headers })
  const answer: unknown = await res.json().catch(() => null)
  if (!res.ok) throw isErrorShape(answer) ? answer : new Error(`HTTP ${res.status}`)
}
