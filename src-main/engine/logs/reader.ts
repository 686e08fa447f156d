import type { IncomingMessage } from 'node:http'
import type { LogLine } from '../../../src-shared/contract/logs'
import { trackStream } from '../../streams/gauge'
import { LogParser } from './parser'

/**
 * Reads a finite (not followed) engine log stream to its end, handing on lines chunk by chunk.
 * `onLines` may return a promise (a file that must drain): reading waits for it.
 * The stream is destroyed however this ends.
 */
export async function readLogStream(res: IncomingMessage, tty: boolean, onLines: (lines: LogLine[]) => void | Promise<void>): Promise<void> {
  const release = trackStream('logs')
  const parser = new LogParser(tty)
  try {
    for await (const chunk of res) {
      const lines = parser.push(chunk as Buffer)
      if (lines.length) await onLines(lines)
    }
    const rest = parser.end()
    if (rest.length) await onLines(rest)
  } finally {
    release()
    res.destroy()
  }
}

/**
 * The same reading, pulled: batches of lines as the engine sends them, for a reader that takes
 * from several streams at its own pace (the merged export). Ending the iteration early (return
 * or throw in the consumer) destroys the stream.
 */
export async function* logBatches(res: IncomingMessage, tty: boolean): AsyncGenerator<LogLine[], void, undefined> {
  const release = trackStream('logs')
  const parser = new LogParser(tty)
  try {
    for await (const chunk of res) {
      const lines = parser.push(chunk as Buffer)
      if (lines.length) yield lines
    }
    const rest = parser.end()
    if (rest.length) yield rest
  } finally {
    release()
    res.destroy()
  }
}
