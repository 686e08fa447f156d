import { describe, expect, it } from 'vitest'
import { BerthError } from '../../../src-shared/contract/errors'
import { importError } from './import-errors'

// The engine's errors as conn.run hands them on (engine 20.10's words, recorded).
const engineFailed = (says: string) => new BerthError('INTERNAL', `The engine failed: ${says}`, { engineMessage: says })
const FULL = 'Error processing tar file(exit status 1): write /berth-volume/big.bin: no space left on device'
const QUOTA = 'Error processing tar file(exit status 1): write /berth-volume/a: disk quota exceeded'
const NOT_TAR = 'Error processing tar file(exit status 1): unexpected EOF'

describe('importError', () => {
  it('calls a full disk a full disk, though the engine words it as a failed tar extraction', () => {
    expect(importError('data', true, engineFailed(FULL))).toMatchObject({ code: 'INTERNAL', details: { reason: 'volume_import_disk_full', name: 'data', engineMessage: FULL } })
    expect(importError('data', false, engineFailed(QUOTA))).toMatchObject({ details: { reason: 'volume_import_disk_full_partial', name: 'data', engineMessage: QUOTA } })
  })

  it('says an existing volume is incomplete after its disk filled, and that a new one was removed', () => {
    expect((importError('data', false, engineFailed(FULL)) as Error).message).toContain('the volume is incomplete')
    expect((importError('data', true, engineFailed(FULL)) as Error).message).toContain('The new volume was removed again')
  })

  it('still calls an unreadable file not a tar, and passes other errors on', () => {
    expect(importError('data', true, engineFailed(NOT_TAR))).toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'volume_import_bad_tar' } })
    const gone = new BerthError('ENGINE_UNREACHABLE', 'gone', { reason: 'engine_unreachable' })
    expect(importError('data', true, gone)).toBe(gone)
  })
})
