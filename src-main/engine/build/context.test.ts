import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { extract } from 'tar-stream'
import { afterEach, describe, expect, it } from 'vitest'
import { BerthError } from '../../../src-shared/contract/errors'
import { checkContext, contextFilter, packContext } from './context'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-context-'))
  dirs.push(dir)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

async function entries(stream: Readable): Promise<Map<string, { type: string; uid: number; text: string }>> {
  const found = new Map<string, { type: string; uid: number; text: string }>()
  const ex = extract()
  ex.on('entry', (header, body, next) => {
    const chunks: Buffer[] = []
    body.on('data', (c: unknown) => chunks.push(c as Buffer))
    body.on('end', () => {
      found.set(header.name.replace(/\/$/, ''), { type: header.type ?? 'file', uid: header.uid ?? -1, text: Buffer.concat(chunks).toString() })
      next()
    })
  })
  stream.pipe(ex)
  await new Promise<void>((resolve, reject) => {
    ex.on('finish', resolve)
    ex.on('error', reject)
  })
  return found
}

describe('packContext', () => {
  it('leaves out what .dockerignore lists, and brings back ! exceptions', async () => {
    const dir = tree({
      Dockerfile: 'FROM scratch\n',
      '.dockerignore': '# comment\nsecret.txt\nlogs\n*.tmp\n!keep.tmp\nnode_modules\n!node_modules/wanted.js\n',
      'app.js': 'app',
      'secret.txt': 'hidden',
      'logs/today.log': 'x',
      'a.tmp': 'x',
      'keep.tmp': 'kept',
      'src/deep/b.tmp': 'x',
      'src/deep/c.js': 'c',
      'node_modules/lib/index.js': 'x',
      'node_modules/wanted.js': 'w',
    })
    const names = await entries(await packContext(dir, 'Dockerfile'))
    const files = [...names]
      .filter(([, e]) => e.type === 'file')
      .map(([n]) => n)
      .sort()
    // As in Docker, `*.tmp` is anchored at the root: src/deep/b.tmp stays (`**/*.tmp` would drop it).
    expect(files).toEqual(['.dockerignore', 'Dockerfile', 'app.js', 'keep.tmp', 'node_modules/wanted.js', 'src/deep/b.tmp', 'src/deep/c.js'])
    expect(names.get('app.js')?.text).toBe('app')
    expect([...names.values()].every((e) => e.uid === 0)).toBe(true)
  })

  it('sends the Dockerfile and .dockerignore even when they are ignored', async () => {
    const dir = tree({ 'build/Dockerfile.dev': 'FROM scratch\n', '.dockerignore': '.dockerignore\nbuild\n', 'build/other': 'x', a: 'a' })
    const files = [...(await entries(await packContext(dir, 'build/Dockerfile.dev')))]
      .filter(([, e]) => e.type === 'file')
      .map(([n]) => n)
      .sort()
    expect(files).toEqual(['.dockerignore', 'a', 'build/Dockerfile.dev'])
  })

  it('keeps symlinks as links', async () => {
    const dir = tree({ Dockerfile: 'FROM scratch\n', target: 't' })
    symlinkSync('target', join(dir, 'link'))
    expect((await entries(await packContext(dir, 'Dockerfile'))).get('link')?.type).toBe('symlink')
  })
})

describe('contextFilter', () => {
  it('walks an ignored directory only when exceptions could bring something back', () => {
    expect(contextFilter(['logs'], 'Dockerfile').ignored('logs', () => true)).toBe(true)
    expect(contextFilter(['logs', '!logs/keep'], 'Dockerfile').ignored('logs', () => true)).toBe(false)
    expect(contextFilter(['logs', '!logs/keep'], 'Dockerfile').ignored('logs/other', () => false)).toBe(true)
  })
})

describe('checkContext', () => {
  it('names a missing folder, a file given as folder and a missing Dockerfile', async () => {
    const dir = tree({ Dockerfile: 'FROM scratch\n', 'file.txt': 'x' })
    await expect(checkContext(dir, 'Dockerfile')).resolves.toBeUndefined()
    const reason = (p: Promise<void>) =>
      p.then(
        () => null,
        (e: BerthError) => e.details?.reason,
      )
    expect(await reason(checkContext(join(dir, 'nope'), 'Dockerfile'))).toBe('build_context_missing')
    expect(await reason(checkContext(join(dir, 'file.txt'), 'Dockerfile'))).toBe('build_context_not_folder')
    expect(await reason(checkContext(dir, 'docker/Dockerfile'))).toBe('build_dockerfile_missing')
  })
})
