import { createHash, randomBytes } from 'node:crypto'
import { Readable, Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DirListing, FileChange } from '../../src-shared/contract'
import type { Services } from '../../src-main/services'
import { openEngineStreams } from '../../src-main/streams/gauge'
import { Router, type Outcome } from '../../src-main/transport/router'
import { engine, requireEngine, startServices, TestRun } from '../helpers/engine'

const { available } = await requireEngine()

/** Collects what an export writes. */
function sink(): { out: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = []
  return { out: new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c), cb()) }), bytes: () => Buffer.concat(chunks) }
}
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')

describe.skipIf(!available)('container files through the router, on the real engine', () => {
  const run = new TestRun()
  let services: Services
  let dispose: () => void
  let router: Router

  beforeAll(async () => {
    const started = await startServices()
    services = started.services
    dispose = started.dispose
    router = new Router(services)
  })

  afterAll(async () => {
    dispose?.()
    await run.cleanup()
    expect(await run.leftovers()).toEqual([])
  })

  async function ok<T>(channel: string, params?: unknown): Promise<T> {
    const out = (await router.invoke(channel, params)) as Outcome<T>
    if (!out.ok) throw new Error(`${channel} failed: ${out.error.code} ${out.error.message}`)
    return out.value
  }
  async function refused(channel: string, params?: unknown) {
    const out = await router.invoke(channel, params)
    expect(out.ok, `${channel} should have failed`).toBe(false)
    return (out as { ok: false; error: { code: string; message: string; details?: Record<string, unknown> } }).error
  }

  it('lists a folder of a created (never started) container, with kinds and link targets', async () => {
    const c = await run.container('list')
    const listing = await ok<DirListing>('files:list', { id: c.id, path: '/' })
    expect(listing.complete).toBe(true)
    const bin = listing.entries.find((e) => e.name === 'bin')
    expect(bin).toMatchObject({ kind: 'dir', path: '/bin' })
    // The folder's size is what its files hold: busybox itself.
    expect(bin?.size).toBeGreaterThan(100_000)
    const inBin = await ok<DirListing>('files:list', { id: c.id, path: '/bin/' })
    expect(inBin.path).toBe('/bin')
    expect(inBin.entries.find((e) => e.name === 'sh')).toMatchObject({ kind: 'symlink', linkTarget: 'busybox', path: '/bin/sh' })
    expect(openEngineStreams('files:list') + openEngineStreams('files:download')).toBe(0)
  })

  it('a missing path is NOT_FOUND files_no_such_path, a file is not a folder', async () => {
    const c = await run.container('missing')
    expect(await refused('files:list', { id: c.id, path: '/nope' })).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'files_no_such_path' } })
    expect(await refused('files:list', { id: c.id, path: '/bin/busybox' })).toMatchObject({ code: 'CONFLICT', details: { reason: 'files_not_folder' } })
    expect(await refused('files:list', { id: c.id, path: '/etc/../bin' })).toMatchObject({ code: 'INVALID_INPUT' })
  })

  it('stops reading a folder past its budget and says which entries are missing', async () => {
    const c = await run.container('budget')
    const small = new (services.domains.files.constructor as new (conn: unknown, budget: number) => Services['domains']['files'])(services.connection, 64 * 1024)
    const listing = await small.list(c.id, '/')
    expect(listing.complete).toBe(false)
    expect(listing.stoppedAfter).toBe('bin')
    expect(openEngineStreams('files:list') + openEngineStreams('files:download')).toBe(0)
  })

  it('a file uploaded into a running container downloads with the same bytes (sha256)', async () => {
    const c = await run.container('roundtrip', { start: true })
    const content = randomBytes(300_000)
    const req = { id: c.id, dir: '/tmp', name: 'payload.bin', size: content.length, overwrite: false }
    await services.domains.files.upload(req, Readable.from([content.subarray(0, 1000), content.subarray(1000)]))
    const listing = await ok<DirListing>('files:list', { id: c.id, path: '/tmp' })
    expect(listing.entries.find((e) => e.name === 'payload.bin')).toMatchObject({ kind: 'file', size: content.length, mode: '-rw-r--r--' })

    const file = await services.domains.files.download(c.id, '/tmp/payload.bin')
    const { out, bytes } = sink()
    expect(await file.writeTo(out)).toBe(content.length)
    expect(sha(bytes())).toBe(sha(content))
    expect(file.suggestedName).toBe('payload.bin')
    expect(openEngineStreams('files:list') + openEngineStreams('files:download')).toBe(0)
  })

  it('refuses to overwrite an existing file unless asked, and then replaces it', async () => {
    const c = await run.container('overwrite', { start: true })
    const first = Buffer.from('first\n')
    await services.domains.files.upload({ id: c.id, dir: '/tmp', name: 'note.txt', size: first.length, overwrite: false }, Readable.from([first]))
    const second = Buffer.from('second version\n')
    await expect(services.domains.files.upload({ id: c.id, dir: '/tmp', name: 'note.txt', size: second.length, overwrite: false }, Readable.from([second]))).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'files_exists' },
    })
    await services.domains.files.upload({ id: c.id, dir: '/tmp', name: 'note.txt', size: second.length, overwrite: true }, Readable.from([second]))
    const { out, bytes } = sink()
    await (await services.domains.files.download(c.id, '/tmp/note.txt')).writeTo(out)
    expect(bytes().toString()).toBe('second version\n')
  })

  it('an upload shorter than announced writes nothing', async () => {
    const c = await run.container('short')
    await expect(services.domains.files.upload({ id: c.id, dir: '/tmp', name: 'short.bin', size: 100, overwrite: false }, Readable.from([Buffer.alloc(10)]))).rejects.toMatchObject({
      details: { reason: 'files_upload_incomplete' },
    })
    const listing = await ok<DirListing>('files:list', { id: c.id, path: '/tmp' })
    expect(listing.entries.map((e) => e.name)).not.toContain('short.bin')
  })

  it('a folder downloads as a tar holding its files', async () => {
    const c = await run.container('tar')
    const { out, bytes } = sink()
    const file = await services.domains.files.download(c.id, '/bin')
    expect(file).toMatchObject({ suggestedName: 'bin.tar', contentType: 'application/x-tar' })
    await file.writeTo(out)
    // A tar's first header names the folder itself.
    expect(bytes().subarray(0, 4).toString()).toBe('bin/')
  })

  it('the diff against the image lists an added file', async () => {
    const c = await run.container('diff', { cmd: ['sh', '-c', 'echo hi > /added.txt'] })
    await engine.getContainer(c.id).start()
    await engine.getContainer(c.id).wait()
    const changes = await ok<FileChange[]>('files:changes', { id: c.id })
    expect(changes).toContainEqual({ path: '/added.txt', kind: 'added' })
  })
})
