import { StringDecoder } from 'node:string_decoder'

/**
 * Turns a byte stream into text without breaking characters: a UTF-8 sequence split across
 * chunks is held until its last byte arrives. Invalid bytes become U+FFFD, as a terminal shows them.
 */
export class Utf8Stream {
  private readonly decoder = new StringDecoder('utf8')

  push(chunk: Buffer): string {
    return this.decoder.write(chunk)
  }

  /** What is left at the end (an incomplete sequence becomes U+FFFD). */
  end(): string {
    return this.decoder.end()
  }
}
