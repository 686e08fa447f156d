import { describe, expect, it } from 'vitest'
import type { FileChange } from '../../../src-shared/contract'
import { changesModel } from './files-changes'
import { crumbsOf, joinPath, parentOf, safePath } from './files-path'

describe('files paths', () => {
  it('builds breadcrumbs from the root down', () => {
    expect(crumbsOf('/')).toEqual([{ name: '/', path: '/' }])
    expect(crumbsOf('/usr/local/bin')).toEqual([
      { name: '/', path: '/' },
      { name: 'usr', path: '/usr' },
      { name: 'local', path: '/usr/local' },
      { name: 'bin', path: '/usr/local/bin' },
    ])
  })
  it('goes up and joins without doubling slashes', () => {
    expect(parentOf('/usr/local')).toBe('/usr')
    expect(parentOf('/usr')).toBe('/')
    expect(parentOf('/')).toBe('/')
    expect(joinPath('/', 'etc')).toBe('/etc')
    expect(joinPath('/etc', 'hosts')).toBe('/etc/hosts')
  })
  it('takes only absolute paths without dot segments from the URL', () => {
    expect(safePath('/etc//ssl/')).toBe('/etc/ssl')
    expect(safePath('etc')).toBe('/')
    expect(safePath('/etc/../root')).toBe('/')
    expect(safePath(['/etc'])).toBe('/')
  })
})

describe('changesModel', () => {
  const changes: FileChange[] = [
    { path: '/tmp', kind: 'changed' },
    { path: '/tmp/b.txt', kind: 'added' },
    { path: '/etc/motd', kind: 'deleted' },
    { path: '/tmp/a.txt', kind: 'added' },
  ]
  it('counts every kind whatever the filter', () => {
    expect(changesModel(changes, 'deleted', 'zzz').counts).toEqual({ all: 4, added: 2, changed: 1, deleted: 1 })
  })
  it('filters by kind and text, sorted by path', () => {
    expect(changesModel(changes, 'added', '').rows.map((c) => c.path)).toEqual(['/tmp/a.txt', '/tmp/b.txt'])
    expect(changesModel(changes, 'all', 'TMP').rows.map((c) => c.path)).toEqual(['/tmp', '/tmp/a.txt', '/tmp/b.txt'])
    expect(changesModel([], 'all', '').rows).toEqual([])
  })
})
