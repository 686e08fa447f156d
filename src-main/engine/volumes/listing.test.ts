import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pack as tarPack } from 'tar-stream'
import { describe, expect, it } from 'vitest'
import { readListing } from './listing'

type Entry = { name: string; type?: 'file' | 'directory' | 'symlink' | 'link'; size?: number; linkname?: string; mtime?: Date }

/** A tar as the engine writes a folder's archive with `/.`: `./` first, then a depth-first walk. */
async function tarOf(entries: Entry[]): Promise<Buffer> {
  const p = tarPack()
  for (const e of entries) {
    const body = e.type === 'file' || e.type === undefined ? Buffer.alloc(e.size ?? 0, 0x61) : undefined
    p.entry({ name: e.name, type: e.type ?? 'file', size: body?.length ?? 0, linkname: e.linkname, mtime: e.mtime ?? new Date(1_700_000_000_000), mode: 0o644 }, body ?? '')
  }
  p.finalize()
  const chunks: Buffer[] = []
  for await (const c of p) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

function streamOf(buf: Buffer, chunk = 4096): Readable {
  const parts: Buffer[] = []
  for (let i = 0; i < buf.length; i += chunk) parts.push(buf.subarray(i, i + chunk))
  return Readable.from(parts)
}

describe('volume folder listing from tar headers', () => {
  it('lists the children with kind, size, time and link target, and sums sizes under folders', async () => {
    const tar = await tarOf([
      { name: './', type: 'directory' },
      { name: './a.txt', size: 3 },
      { name: './d/', type: 'directory' },
      { name: './d/b', size: 10 },
      { name: './d/e/', type: 'directory' },
      { name: './d/e/c', size: 5 },
      { name: './l', type: 'symlink', linkname: 'a.txt' },
    ])
    const out = await readListing(streamOf(tar), 1 << 30)
    expect(out.complete).toBe(true)
    expect(out.stoppedAfter).toBeNull()
    expect(out.entries).toEqual([
      { name: 'a.txt', kind: 'file', size: 3, mtime: 1_700_000_000_000, linkTarget: null },
      { name: 'd', kind: 'dir', size: 15, mtime: 1_700_000_000_000, linkTarget: null },
      { name: 'l', kind: 'symlink', size: null, mtime: 1_700_000_000_000, linkTarget: 'a.txt' },
    ])
  })

  it('keeps names longer than the 100-byte ustar field (pax headers written by tar-stream)', async () => {
    const long = 'n'.repeat(180)
    const tar = await tarOf([
      { name: './', type: 'directory' },
      { name: `./${long}`, size: 1 },
      { name: `./${'d'.repeat(120)}/`, type: 'directory' },
      { name: `./${'d'.repeat(120)}/${'x'.repeat(150)}`, size: 7 },
    ])
    const out = await readListing(streamOf(tar, 333), 1 << 30)
    expect(out.entries.map((e) => [e.name, e.size])).toEqual([
      [long, 1],
      ['d'.repeat(120), 7],
    ])
  })

  it('reads GNU long names and pax headers written by tar itself, and non-ASCII names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-listing-'))
    try {
      const long = '긴이름-'.repeat(12)
      writeFileSync(join(dir, long), 'hello')
      mkdirSync(join(dir, 'sub'))
      writeFileSync(join(dir, 'sub', 'inner.bin'), Buffer.alloc(2048))
      symlinkSync(`../${'t'.repeat(150)}`, join(dir, 'link'))
      for (const format of ['gnu', 'pax']) {
        const tar = execFileSync('tar', [`--format=${format}`, '-C', dir, '-c', '.'])
        const out = await readListing(streamOf(tar, 1000), 1 << 30)
        const byName = new Map(out.entries.map((e) => [e.name, e]))
        expect([...byName.keys()].sort(), format).toEqual([long, 'link', 'sub'].sort())
        expect(byName.get(long)?.size).toBe(5)
        expect(byName.get('sub')).toMatchObject({ kind: 'dir', size: 2048 })
        expect(byName.get('link')).toMatchObject({ kind: 'symlink', linkTarget: `../${'t'.repeat(150)}` })
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('stops at its budget, says so, and leaves the last folder’s size unknown', async () => {
    const tar = await tarOf([
      { name: './', type: 'directory' },
      { name: './a', size: 100 },
      { name: './big/', type: 'directory' },
      { name: './big/1', size: 64 * 1024 },
      { name: './big/2', size: 64 * 1024 },
      { name: './z', size: 1 },
    ])
    const out = await readListing(streamOf(tar, 1024), 16 * 1024)
    expect(out.complete).toBe(false)
    expect(out.stoppedAfter).toBe('big')
    expect(out.entries.map((e) => [e.name, e.size])).toEqual([
      ['a', 100],
      ['big', null],
    ])
  })

  it('rejects an archive that is not a tar', async () => {
    await expect(readListing(Readable.from([Buffer.alloc(1024, 0x7a)]), 1 << 30)).rejects.toThrow()
  })
})
