import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StaticFiles } from './static-files'

// A temporary renderer folder with symlinks in it, one pointing inside and several pointing out.

const SECRET = 'BERTH-TEST-SECRET-outside-the-renderer'
const INDEX = '<!doctype html><title>shell</title>'

let dir: string
let server: Server
let port: number

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-static-'))
  const renderer = join(dir, 'renderer')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  mkdirSync(join(dir, 'elsewhere'))
  writeFileSync(join(renderer, 'index.html'), INDEX)
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)\n')
  writeFileSync(join(dir, 'secret.txt'), SECRET)
  writeFileSync(join(dir, 'elsewhere', 'secret.js'), SECRET)
  symlinkSync(join(dir, 'secret.txt'), join(renderer, 'leak.txt'))
  symlinkSync('../../secret.txt', join(renderer, 'assets', 'relative-leak.js'))
  symlinkSync(join(dir, 'elsewhere'), join(renderer, 'linked-dir'))
  symlinkSync('/etc/hostname', join(renderer, 'hostname'))
  symlinkSync(join(renderer, 'assets', 'app.js'), join(renderer, 'alias.js'))
  const files = new StaticFiles(renderer)
  server = createServer((req, res) => files.serve(new URL(req.url ?? '/', 'http://x').pathname, res))
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  port = (server.address() as AddressInfo).port
})

afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()))
  rmSync(dir, { recursive: true, force: true })
})

function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
      .on('error', reject)
      .end()
  })
}

describe('StaticFiles', () => {
  it.each(['/leak.txt', '/assets/relative-leak.js', '/linked-dir/secret.js', '/hostname'])('refuses %s, a symlink that resolves outside the renderer folder', async (path) => {
    const res = await get(path)
    expect(res.status).toBe(403)
    expect(res.body).not.toContain(SECRET)
  })

  it('serves a symlink that stays inside the folder, and the app’s own files', async () => {
    expect(await get('/alias.js')).toEqual({ status: 200, body: 'console.log(1)\n' })
    expect(await get('/assets/app.js')).toEqual({ status: 200, body: 'console.log(1)\n' })
  })

  it('answers a client-side route with the app shell', async () => {
    expect(await get('/containers/abc')).toEqual({ status: 200, body: INDEX })
  })

  it('refuses a shell that is itself a symlink out of the folder', async () => {
    const other = mkdtempSync(join(tmpdir(), 'berth-static-shell-'))
    try {
      symlinkSync(join(dir, 'secret.txt'), join(other, 'index.html'))
      const files = new StaticFiles(other)
      const single = createServer((req, res) => files.serve(req.url ?? '/', res))
      await new Promise<void>((done) => single.listen(0, '127.0.0.1', done))
      const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        request({ host: '127.0.0.1', port: (single.address() as AddressInfo).port, path: '/' }, (res) => {
          let body = ''
          res.on('data', (d: Buffer) => (body += String(d)))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
        })
          .on('error', reject)
          .end()
      })
      await new Promise<void>((done) => single.close(() => done()))
      expect(reply.status).toBe(403)
      expect(reply.body).not.toContain(SECRET)
    } finally {
      rmSync(other, { recursive: true, force: true })
    }
  })
})
