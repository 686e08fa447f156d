import { randomBytes } from 'node:crypto'

/** A file the user picked in main (Electron's open dialog) for an upload. */
export interface PickedFile {
  path: string
  name: string
  size: number
}

/** Asks the user for a file; null when cancelled. Electron's is window/file-picker.ts; browser mode has none (the page picks). */
export interface FilePicker {
  pick(): Promise<PickedFile | null>
}

/** Asks the person for a folder (a build context); null when cancelled. Electron's is window/folder-picker.ts. */
export interface FolderPicker {
  pickFolder(): Promise<string | null>
}

const TICKET_TTL_MS = 10 * 60_000

/**
 * Picked files behind random tickets: the renderer learns a ticket, never a host path it
 * could alter; an upload names its ticket. A ticket stays valid while the user confirms an
 * overwrite, and expires after 10 minutes.
 */
export class PickedFiles {
  private readonly picks = new Map<string, PickedFile & { expires: number }>()

  constructor(private readonly now: () => number = Date.now) {}

  add(file: PickedFile): string {
    this.prune()
    const ticket = randomBytes(18).toString('base64url')
    this.picks.set(ticket, { ...file, expires: this.now() + TICKET_TTL_MS })
    return ticket
  }

  get(ticket: string): PickedFile | null {
    this.prune()
    return this.picks.get(ticket) ?? null
  }

  drop(ticket: string): void {
    this.picks.delete(ticket)
  }

  private prune(): void {
    const now = this.now()
    for (const [t, p] of this.picks) if (p.expires <= now) this.picks.delete(t)
  }
}
