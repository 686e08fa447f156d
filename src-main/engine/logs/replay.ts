import type { LogMessage } from '../../../src-shared/contract/logs'

/**
 * What a log source has sent so far, kept for a subscriber who joins later: the same lines
 * a fresh subscription would have shown, bounded by `maxLines` (whole batches are dropped
 * from the front, so this costs nothing per line).
 */
export class ReplayLog {
  private messages: LogMessage[] = []
  private lines = 0

  constructor(private readonly maxLines: number) {}

  add(message: LogMessage): void {
    this.messages.push(message)
    if (message.kind !== 'lines') return
    this.lines += message.lines.length
    // Drop whole messages from the front while the rest still holds `maxLines`.
    while (this.messages.length > 1) {
      const first = this.messages[0]!
      const n = first.kind === 'lines' ? first.lines.length : 0
      if (this.lines - n < this.maxLines) break
      this.messages.shift()
      this.lines -= n
    }
  }

  /** The kept messages; line batches are merged so a late subscriber gets few messages. */
  snapshot(): LogMessage[] {
    const out: LogMessage[] = []
    let excess = this.lines - this.maxLines
    for (const m of this.messages) {
      if (m.kind !== 'lines') {
        out.push(m)
        continue
      }
      let lines = m.lines
      if (excess > 0) {
        const cut = Math.min(excess, lines.length)
        lines = lines.slice(cut)
        excess -= cut
      }
      const last = out.at(-1)
      if (last?.kind === 'lines') out[out.length - 1] = { kind: 'lines', lines: last.lines.concat(lines) }
      else if (lines.length) out.push({ kind: 'lines', lines })
    }
    return out
  }
}
