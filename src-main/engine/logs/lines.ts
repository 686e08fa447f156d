import { StringDecoder } from 'node:string_decoder'

export type LineHandler<T> = (text: string, tag: T) => void

/**
 * One output stream's bytes → lines. UTF-8 is decoded with a decoder of its own, so a
 * character split across chunks or frames comes out whole. Lines end at \n or \r\n (a lone \r
 * stays in the text); the last line is held until its newline or `end()`.
 * Each line carries the tag of the write it started in (its timestamp).
 */
export class LineAssembler<T> {
  private readonly decoder = new StringDecoder('utf8')
  private partial = ''
  private partialTag: T | undefined
  private open = false

  write(bytes: Buffer, tag: T, onLine: LineHandler<T>): void {
    if (bytes.length === 0) return
    if (!this.open) this.partialTag = tag
    const text = this.decoder.write(bytes)
    let start = 0
    let nl = text.indexOf('\n')
    while (nl !== -1) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl
      if (start === 0 && this.partial) {
        const line = this.partial + text.slice(0, end)
        this.partial = ''
        // A \r at the very end of the held text and \n first in this write make one \r\n.
        onLine(nl === 0 && line.endsWith('\r') ? line.slice(0, -1) : line, this.partialTag as T)
      } else {
        onLine(text.slice(start, end), start === 0 ? (this.partialTag as T) : tag)
      }
      start = nl + 1
      nl = text.indexOf('\n', start)
    }
    if (start < text.length) {
      if (start > 0) this.partialTag = tag
      this.partial += start === 0 ? text : text.slice(start)
    }
    // Open while bytes after the last newline (decoded or still in the decoder) exist.
    this.open = bytes[bytes.length - 1] !== 10
  }

  /** The stream ended: the held line, if any, is complete now. */
  end(onLine: LineHandler<T>): void {
    const rest = this.partial + this.decoder.end()
    this.partial = ''
    if (this.open || rest) onLine(rest.endsWith('\r') ? rest.slice(0, -1) : rest, this.partialTag as T)
    this.open = false
  }
}
