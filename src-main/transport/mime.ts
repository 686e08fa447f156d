import { extname } from 'node:path'

// The types of the files the built renderer holds. Both carriers send them with nosniff, so an
// unknown extension is served as bytes, never guessed into something a page would run.
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

export function mimeType(file: string): string {
  const ext = extname(file).toLowerCase()
  // Own keys only: a file named x.constructor must not find Object's.
  return (Object.hasOwn(MIME, ext) && MIME[ext]) || 'application/octet-stream'
}
