/** 1 = stdout, 2 = stderr, as the Engine API's frame header says. */
export type StreamId = 1 | 2

export type FrameHandler = (stream: StreamId, payload: Buffer) => void

const HEADER = 8

/**
 * Incremental parser of the Engine API's multiplexed stream (non-TTY containers): each frame is
 * an 8-byte header [stream, 0, 0, 0, size uint32 BE] and `size` bytes of payload. Chunks split
 * headers and payloads anywhere; every frame is handed on whole, in order.
 * A frame that lies entirely inside one chunk is passed as a view of it, without copying.
 */
export class FrameDemuxer {
  private header = Buffer.alloc(HEADER)
  private headerFill = 0
  private stream: StreamId = 1
  private payload: Buffer | null = null
  private payloadFill = 0

  push(chunk: Buffer, onFrame: FrameHandler): void {
    let at = 0
    const n = chunk.length
    while (at < n) {
      if (this.payload) {
        const take = Math.min(this.payload.length - this.payloadFill, n - at)
        chunk.copy(this.payload, this.payloadFill, at, at + take)
        this.payloadFill += take
        at += take
        if (this.payloadFill === this.payload.length) {
          const full = this.payload
          this.payload = null
          onFrame(this.stream, full)
        }
        continue
      }
      if (this.headerFill === 0 && n - at >= HEADER) {
        // Fast path: the whole header is here.
        const stream = chunk[at] === 2 ? 2 : 1
        const size = chunk.readUInt32BE(at + 4)
        at += HEADER
        if (n - at >= size) {
          onFrame(stream, chunk.subarray(at, at + size))
          at += size
        } else {
          this.begin(stream, size)
        }
        continue
      }
      const take = Math.min(HEADER - this.headerFill, n - at)
      chunk.copy(this.header, this.headerFill, at, at + take)
      this.headerFill += take
      at += take
      if (this.headerFill === HEADER) {
        this.headerFill = 0
        const stream = this.header[0] === 2 ? 2 : 1
        const size = this.header.readUInt32BE(4)
        if (size === 0) onFrame(stream, Buffer.alloc(0))
        else this.begin(stream, size)
      }
    }
  }

  /** Bytes of an unfinished frame (or header) still held: non-zero at the end means a cut stream. */
  get pendingBytes(): number {
    return this.headerFill + (this.payload ? HEADER + this.payloadFill : 0)
  }

  private begin(stream: StreamId, size: number): void {
    this.stream = stream
    this.payload = Buffer.allocUnsafe(size)
    this.payloadFill = 0
  }
}
