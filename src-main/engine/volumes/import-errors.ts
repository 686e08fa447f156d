import { BerthError } from '../../../src-shared/contract/errors'

// Why a .tar import into a volume failed, in words: the engine reports a full disk and an
// unreadable archive alike as a failed tar extraction.

/** The engine's words when the disk under the volume fills while it extracts (ENOSPC, EDQUOT). */
const DISK_FULL = /no space left on device|disk quota exceeded|\bENOSPC\b|\bEDQUOT\b/i

export function importError(name: string, created: boolean, err: unknown): unknown {
  if (err instanceof BerthError && err.code !== 'INTERNAL' && err.code !== 'INVALID_INPUT') return err
  const says = err instanceof Error ? err.message : String(err)
  // Before the tar test: the engine's sentence for a full disk names the tar it was extracting.
  if (DISK_FULL.test(says)) return diskFull(name, created, engineWords(err) ?? says)
  if (/tar|unexpected EOF|invalid/i.test(says)) {
    const after = created ? 'The new volume was removed again.' : `Files read before the error stay in “${name}”.`
    return new BerthError('INVALID_INPUT', `The file is not a .tar archive the engine can read (${says}). ${after}`, { reason: 'volume_import_bad_tar', name })
  }
  return err
}

/**
 * A new volume is removed again, so the space comes back. An existing one keeps what was
 * extracted (the engine's archive API cannot delete), so the error says it is incomplete.
 */
function diskFull(name: string, created: boolean, engineMessage: string): BerthError {
  if (created) {
    return new BerthError('INTERNAL', `The disk under the volume “${name}” filled up, so the import stopped. The new volume was removed again; free some space and try again.`, {
      reason: 'volume_import_disk_full',
      name,
      engineMessage,
    })
  }
  return new BerthError(
    'INTERNAL',
    `The disk under the volume “${name}” filled up, so the import stopped. The files read before that are in “${name}” now and the rest is missing: the volume is incomplete. Free some space and import again, replacing them.`,
    { reason: 'volume_import_disk_full_partial', name, engineMessage },
  )
}

/** What the engine said, as conn.run keeps it. */
function engineWords(err: unknown): string | null {
  const kept = err instanceof BerthError ? err.details?.engineMessage : undefined
  return typeof kept === 'string' ? kept : null
}
