import { randomBytes } from 'node:crypto'
import { BerthError } from '../../../src-shared/contract/errors'

/** What a running session offers to exec:input and exec:resize. */
export interface SessionControl {
  input(data: string): void
  resize(cols: number, rows: number): Promise<void>
}

/**
 * Open terminal sessions by id. The id is the capability: 24 random bytes, told only to the
 * subscriber that opened the session, so no other page or window can type into it.
 */
export class SessionTable {
  private readonly sessions = new Map<string, SessionControl>()

  static newId(): string {
    return randomBytes(24).toString('base64url')
  }

  add(id: string, control: SessionControl): () => void {
    this.sessions.set(id, control)
    return () => {
      if (this.sessions.get(id) === control) this.sessions.delete(id)
    }
  }

  get(id: string): SessionControl {
    const s = this.sessions.get(id)
    if (!s) throw new BerthError('NOT_FOUND', 'This terminal session has ended. Reconnect to open a new one.', { reason: 'terminal_session_ended' })
    return s
  }

  size(): number {
    return this.sessions.size
  }
}

/** A random marker for the session's processes (letters and digits: it goes into a shell pattern). */
export function newMarker(): string {
  return randomBytes(16).toString('hex')
}
