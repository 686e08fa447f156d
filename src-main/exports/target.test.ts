import { once } from 'node:events'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
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

  it('writes the file readable by the person only (0600), like config.json', async () => {
    const path = join(dir, 'private.log')
    await saveToFile(path, fileOf(['secret-ish log line\n']))
    expect(statSync(path).mode & 0o777).toBe(0o600)
  })

  it('narrows an existing file picked to be replaced to 0600', async () => {
    const path = join(dir, 'replaced.log')
    writeFileSync(path, 'an older, longer file than the export\n')
    chmodSync(path, 0o644)
    await saveToFile(path, fileOf(['new\n']))
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(readFileSync(path, 'utf8')).toBe('new\n')
  })

  it('says the disk is full when it is, and leaves the device alone', async () => {
    if (!existsSync('/dev/full')) return
    await expect(saveToFile('/dev/full', fileOf(['x'.repeat(70_000), 'y\n']))).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('the disk is full'),
      details: { reason: 'export_disk_full', path: '/dev/full', errno: 'ENOSPC' },
    })
    expect(existsSync('/dev/full')).toBe(true)
  })

  it('names a folder that does not exist', async () => {
    await expect(saveToFile(join(dir, 'missing', 'x.log'), fileOf(['a\n']))).rejects.toMatchObject({
      message: expect.stringContaining('its folder does not exist'),
      details: { reason: 'export_write_failed', errno: 'ENOENT' },
    })
  })

  it('removes the partial file when the export fails midway', async () => {
    const path = join(dir, 'partial.log')
    await expect(saveToFile(path, fileOf(['a\n', 'b\n'], 1))).rejects.toMatchObject({ message: expect.stringContaining('the engine went away') })
    expect(existsSync(path)).toBe(false)
  })

  /** An export whose file fails after the first chunk, as a disk that fills up or a write refused midway. */
  function failingWrite(code: string): ExportFile {
    return {
      suggestedName: 'web.log',
      async writeTo(out: Writable) {
        out.write('first chunk\n')
        await new Promise((resolve) => setTimeout(resolve, 20))
        out.emit('error', Object.assign(new Error(`${code}: write failed`), { code }))
        out.write('second chunk\n')
        return 24
      },
    }
  }

  it.each([
    ['ENOSPC', 'INTERNAL', 'export_disk_full'],
    ['EACCES', 'PERMISSION_DENIED', 'export_permission'],
    ['EIO', 'INTERNAL', 'export_write_failed'],
  ])('a write failing with %s midway gives a translated reason and leaves no file behind', async (errno, code, reason) => {
    const path = join(dir, `failing-${errno}.log`)
    await expect(saveToFile(path, failingWrite(errno))).rejects.toMatchObject({ code, details: { reason, path, errno } })
    expect(existsSync(path)).toBe(false)
  })
})
