import type { ServerResponse } from 'node:http'

/** A plain-text refusal that no cache keeps. */
export function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(text)
}
