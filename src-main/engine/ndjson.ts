import { StringDecoder } from 'node:string_decoder'

/** Splits a byte stream of newline-delimited JSON into parsed values; bad lines are skipped. */
export class NdjsonSplitter<T = unknown> {
  private readonly decoder = new StringDecoder('utf8')
  private rest = ''

  push(chunk: Buffer | string): T[] {
    this.rest += typeof chunk === 'string' ? chunk : this.decoder.write(chunk)
    const lines = this.rest.split('\n')
    this.rest = lines.pop() ?? ''
    const out: T[] = []
    for (const line of lines) {
      const trimmed = line.trim()
      if (!trimmed) continue
      try {
        out.push(JSON.parse(trimmed) as T)
      } catch {
        /* a damaged line is dropped; the stream goes on */
      }
    }
    return out
  }
}
