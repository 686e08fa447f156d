import type { LogLine, LogStream } from '../../../src-shared/contract/logs'
import { FrameDemuxer, type StreamId } from './demux'
import { LineAssembler } from './lines'
import { parseEngineTime } from './timestamp'

// An RFC3339Nano timestamp with a zone offset is 35 characters; anything longer is not one.
const MAX_STAMP = 40

interface Stamp {
  time: string
  ms: number
}

const NO_STAMP: Stamp = { time: '', ms: 0 }

/**
 * The engine's log stream (requested with `timestamps=true`) → LogLines. Without a TTY the
 * stream is multiplexed and every frame is one log message that starts with its timestamp; a
 * message the engine split (longer than 16 KiB) goes on in the next frame with a timestamp of
 * its own, which is dropped so the line stays whole. With a TTY the stream is raw and the
 * timestamp starts each line.
 */
export class LogParser {
  private readonly demux: FrameDemuxer | null
  private readonly out = new LineAssembler<Stamp>()
  private readonly err = new LineAssembler<Stamp>()
  private lines: LogLine[] = []
  private readonly onStdout = (text: string, stamp: Stamp) => this.lines.push(this.tty ? splitStamp(text, 'stdout') : { time: stamp.time, ms: stamp.ms, stream: 'stdout', text })
  private readonly onStderr = (text: string, stamp: Stamp) => this.lines.push({ time: stamp.time, ms: stamp.ms, stream: 'stderr', text })
  private readonly onFrame = (stream: StreamId, payload: Buffer) => this.frame(stream, payload)

  constructor(private readonly tty: boolean) {
    this.demux = tty ? null : new FrameDemuxer()
  }

  /** The complete lines this chunk finished, in stream order. */
  push(chunk: Buffer): LogLine[] {
    if (this.demux) this.demux.push(chunk, this.onFrame)
    else this.out.write(chunk, NO_STAMP, this.onStdout)
    return this.take()
  }

  /** The stream ended: lines still held are complete. */
  end(): LogLine[] {
    this.out.end(this.onStdout)
    this.err.end(this.onStderr)
    return this.take()
  }

  private take(): LogLine[] {
    const lines = this.lines
    this.lines = []
    return lines
  }

  private frame(stream: StreamId, payload: Buffer): void {
    let stamp = NO_STAMP
    let body = payload
    const space = payload.indexOf(32)
    if (space > 0 && space <= MAX_STAMP) {
      const time = payload.toString('latin1', 0, space)
      const parsed = parseEngineTime(time)
      if (parsed) {
        stamp = { time, ms: parsed.ms }
        body = payload.subarray(space + 1)
      }
    }
    if (stream === 2) this.err.write(body, stamp, this.onStderr)
    else this.out.write(body, stamp, this.onStdout)
  }
}

function splitStamp(text: string, stream: LogStream): LogLine {
  const space = text.indexOf(' ')
  if (space > 0 && space <= MAX_STAMP) {
    const time = text.slice(0, space)
    const parsed = parseEngineTime(time)
    if (parsed) return { time, ms: parsed.ms, stream, text: text.slice(space + 1) }
  }
  return { time: '', ms: 0, stream, text }
}
