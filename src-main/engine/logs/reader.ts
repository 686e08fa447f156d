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
