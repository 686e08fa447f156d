import { once } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Writable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { saveToFile, type ExportFile } from './target'

const dir = mkdtempSync(join(tmpdir(), 'berth-export-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** An export that writes `chunks` the way the log exporter does: waiting on drain. */
function fileOf(chunks: string[], failAfter?: number): ExportFile {
  return {
    suggestedName: 'web-2026-11-23.log',
    async writeTo(out: Writable) {
      let bytes = 0
      for (const [i, c] of chunks.entries()) {
        if (failAfter !== undefined && i === failAfter) throw new Error('the engine went away')
        bytes += Buffer.byteLength(c)
        if (!out.write(c)) await once(out, 'drain')
      }
      return bytes
    },
  }
}

describe('saveToFile', () => {
  it('writes the export and reports the path and bytes', async () => {
    const path = join(dir, 'ok.log')
    const result = await saveToFile(path, fileOf(['한국어 line\n', 'second\n']))
    expect(result).toEqual({ kind: 'saved', path, bytes: Buffer.byteLength('한국어 line\nsecond\n') })
    expect(readFileSync(path, 'utf8')).toBe('한국어 line\nsecond\n')
  })

  it('says the disk is full when it is, and leaves the device alone', async () => {
    if (!existsSync('/dev/full')) return
    await expect(saveToFile('/dev/full', fileOf(['x'.repeat(70_000), 'y\n']))).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('the disk is full') })
    expect(existsSync('/dev/full')).toBe(true)
  })

  it('names a folder that does not exist', async () => {
    await expect(saveToFile(join(dir, 'missing', 'x.log'), fileOf(['a\n']))).rejects.toMatchObject({ message: expect.stringContaining('its folder does not exist') })
  })

  it('removes the partial file when the export fails midway', async () => {
    const path = join(dir, 'partial.log')
    await expect(saveToFile(path, fileOf(['a\n', 'b\n'], 1))).rejects.toMatchObject({ message: expect.stringContaining('the engine went away') })
    expect(existsSync(path)).toBe(false)
  })
})
