import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appFileServer, resolveAppFile } from './app-files'
import { CONTENT_SECURITY_POLICY } from './csp'

// A built renderer folder beside a secret it must never hand out.
let dir = ''
let renderer = ''
const SECRET = 'the private key next door'

beforeAll(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'berth-app-files-')))
  renderer = join(dir, 'renderer')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  mkdirSync(join(dir, 'outside'))
  writeFileSync(join(dir, 'outside/secret.txt'), SECRET)
  writeFileSync(join(dir, 'renderer-sibling.txt'), SECRET)
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Berth</title>')
  writeFileSync(join(renderer, 'assets/index-abc.js'), 'export {}')
  writeFileSync(join(renderer, 'assets/index-abc.css'), 'body{}')
  writeFileSync(join(renderer, 'favicon.svg'), '<svg/>')
  writeFileSync(join(renderer, 'notes.constructor'), 'x')
  symlinkSync(join(dir, 'outside/secret.txt'), join(renderer, 'escape.txt'))
  symlinkSync(join(dir, 'outside'), join(renderer, 'escape-dir'))
  symlinkSync(join(renderer, 'index.html'), join(renderer, 'alias.html'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const serve = () => appFileServer(renderer)

describe('app:// file server', () => {
  it('serves the renderer with its type, our CSP and nosniff; / is index.html', async () => {
    const get = serve()
    for (const [url, type] of [
      ['app://berth/', 'text/html; charset=utf-8'],
      ['app://berth/index.html', 'text/html; charset=utf-8'],
      ['app://berth/assets/index-abc.js', 'text/javascript; charset=utf-8'],
      ['app://berth/assets/index-abc.css', 'text/css; charset=utf-8'],
      ['app://berth/favicon.svg', 'image/svg+xml'],
      ['app://berth/notes.constructor', 'application/octet-stream'],
    ]) {
      const res = await get(url!, 'GET')
      expect(res.status, url).toBe(200)
      expect(res.headers.get('content-type'), url).toBe(type)
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    }
    expect(await (await get('app://berth/index.html#/containers', 'GET')).text()).toContain('<title>Berth</title>')
  })

  it('refuses ../, percent-encoded traversal and encoded slashes: nothing outside the folder is read', async () => {
    const get = serve()
    for (const url of [
      'app://berth/../outside/secret.txt',
      'app://berth/assets/../../renderer-sibling.txt',
      'app://berth/%2e%2e/outside/secret.txt',
      'app://berth/..%2foutside%2fsecret.txt',
      'app://berth/%2e%2e%2foutside%2fsecret.txt',
      'app://berth/assets/%2E%2E%2F%2E%2E%2Frenderer-sibling.txt',
      'app://berth/..%5coutside%5csecret.txt',
      `app://berth/${encodeURIComponent(join(dir, 'outside/secret.txt'))}`,
    ]) {
      const res = await get(url, 'GET')
      expect([403, 404], url).toContain(res.status)
      expect(await res.text(), url).not.toContain(SECRET)
    }
    expect((await resolveAppFile(renderer, 'app://berth/..%2foutside%2fsecret.txt')).kind).toBe('refused')
    expect(await resolveAppFile(renderer, 'app://berth/..%2f..%2foutside%2fsecret.txt')).toEqual({ kind: 'refused', status: 403 })
  })

  it('refuses a symlink that leads out of the folder, to a file or through a directory; one that stays inside is served', async () => {
    expect(await resolveAppFile(renderer, 'app://berth/escape.txt')).toEqual({ kind: 'refused', status: 403 })
    expect(await resolveAppFile(renderer, 'app://berth/escape-dir/secret.txt')).toEqual({ kind: 'refused', status: 403 })
    expect(await resolveAppFile(renderer, 'app://berth/alias.html')).toEqual({ kind: 'file', path: join(renderer, 'index.html') })
    const res = await serve()('app://berth/escape.txt', 'GET')
    expect(res.status).toBe(403)
    expect(await res.text()).not.toContain(SECRET)
  })

  it('refuses another host, malformed and NUL-bearing paths, folders, missing files and anything but GET or HEAD', async () => {
    expect(await resolveAppFile(renderer, 'app://other/index.html')).toEqual({ kind: 'refused', status: 404 })
    expect(await resolveAppFile(renderer, 'app://berth/%E0%A4%A')).toEqual({ kind: 'refused', status: 400 })
    expect(await resolveAppFile(renderer, 'app://berth/index.html%00.png')).toEqual({ kind: 'refused', status: 400 })
    expect(await resolveAppFile(renderer, 'app://berth/assets')).toEqual({ kind: 'refused', status: 404 })
    expect(await resolveAppFile(renderer, 'app://berth/missing.js')).toEqual({ kind: 'refused', status: 404 })
    expect((await serve()('app://berth/index.html', 'POST')).status).toBe(405)
    const head = await serve()('app://berth/index.html', 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })

  it('answers 404 for every request when the renderer folder is missing', async () => {
    expect((await appFileServer(join(dir, 'not-built'))('app://berth/index.html', 'GET')).status).toBe(404)
  })
})
