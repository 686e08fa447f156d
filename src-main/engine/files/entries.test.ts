import { describe, expect, it } from 'vitest'
import { pack as tarPack, extract as tarExtract, type Header } from 'tar-stream'
import { DirCollector, modeString } from './entries'

/** Headers of a tar made the way the engine makes a folder's archive. */
async function headersOf(entries: (Partial<Header> & { name: string; body?: string })[]): Promise<Header[]> {
  const p = tarPack()
  for (const { body, ...h } of entries) p.entry(h, body ?? '')
  p.finalize()
  const out: Header[] = []
  const ex = tarExtract()
  ex.on('entry', (h, s, next) => {
    out.push(h)
    s.on('end', next)
    s.resume()
  })
  const done = new Promise<void>((r) => ex.on('finish', () => r()))
  p.pipe(ex)
  await done
  return out
}

const mtime = new Date('2026-11-23T16:03:00Z')

describe('DirCollector', () => {
  it('keeps the children of /etc, sums a subfolder’s files, and reads link targets', async () => {
    const headers = await headersOf([
      { name: 'etc/', type: 'directory', mode: 0o755, mtime },
      { name: 'etc/hosts', type: 'file', mode: 0o644, mtime, body: 'x'.repeat(10) },
      { name: 'etc/ssl/', type: 'directory', mode: 0o755, mtime },
      { name: 'etc/ssl/a.pem', type: 'file', mode: 0o600, mtime, body: 'y'.repeat(100) },
      { name: 'etc/ssl/certs/', type: 'directory', mode: 0o755, mtime },
      { name: 'etc/ssl/certs/b.pem', type: 'file', mode: 0o600, mtime, body: 'z'.repeat(50) },
      { name: 'etc/ssl/hard', type: 'link', linkname: 'etc/ssl/a.pem', mode: 0o600, mtime },
      { name: 'etc/zoneinfo', type: 'symlink', linkname: '/usr/share/zoneinfo', mode: 0o777, mtime },
    ])
    const c = new DirCollector('/etc')
    headers.forEach((h) => c.add(h))
    const { entries, stoppedAfter } = c.result(true)
    expect(stoppedAfter).toBeNull()
    expect(entries).toEqual([
      { name: 'hosts', path: '/etc/hosts', kind: 'file', size: 10, mode: '-rw-r--r--', mtime: mtime.getTime(), linkTarget: null },
      // Hard links carry no data of their own: 100 + 50, not 250.
      { name: 'ssl', path: '/etc/ssl', kind: 'dir', size: 150, mode: 'drwxr-xr-x', mtime: mtime.getTime(), linkTarget: null },
      { name: 'zoneinfo', path: '/etc/zoneinfo', kind: 'symlink', size: null, mode: 'lrwxrwxrwx', mtime: mtime.getTime(), linkTarget: '/usr/share/zoneinfo' },
    ])
  })

  it('reads the root’s archive, whose names start with /', async () => {
    const headers = await headersOf([
      { name: '/', type: 'directory', mode: 0o755, mtime },
      { name: '/.dockerenv', type: 'file', mode: 0o755, mtime },
      { name: '/bin/', type: 'directory', mode: 0o755, mtime },
      { name: '/bin/sh', type: 'symlink', linkname: 'busybox', mode: 0o777, mtime },
    ])
    const c = new DirCollector('/')
    headers.forEach((h) => c.add(h))
    expect(c.result(true).entries.map((e) => [e.path, e.kind])).toEqual([
      ['/.dockerenv', 'file'],
      ['/bin', 'dir'],
    ])
  })

  it('when the reading stopped, the last folder’s size is unknown and it names where it stopped', async () => {
    const headers = await headersOf([
      { name: 'usr/', type: 'directory', mode: 0o755, mtime },
      { name: 'usr/bin/', type: 'directory', mode: 0o755, mtime },
      { name: 'usr/bin/a', type: 'file', mode: 0o755, mtime, body: 'a' },
      { name: 'usr/lib/', type: 'directory', mode: 0o755, mtime },
      { name: 'usr/lib/b', type: 'file', mode: 0o644, mtime, body: 'bb' },
    ])
    const c = new DirCollector('/usr')
    headers.forEach((h) => c.add(h))
    const { entries, stoppedAfter } = c.result(false)
    expect(stoppedAfter).toBe('lib')
    expect(entries.map((e) => [e.name, e.size])).toEqual([
      ['bin', 1],
      ['lib', null],
    ])
  })

  it('writes modes as ls does', () => {
    expect(modeString('dir', 0o755)).toBe('drwxr-xr-x')
    expect(modeString('file', 0o4755)).toBe('-rwxr-xr-x')
    expect(modeString('other', 0)).toBe('?---------')
  })
})
