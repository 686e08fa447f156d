import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImageDetail, ImageRemoved, ImageRow, ImagePrunePreview, ImagePruneResult, TransferCancelled, TransferMessage } from '../../src-shared/contract'
import { openEngineStreams } from '../../src-main/streams/gauge'
import type { Outcome } from '../../src-main/transport/router'
import { dockerCli, engine, requireEngine, TEST_IMAGE, TEST_LABEL, TestRun } from '../helpers/engine'
import { startRegistry, type TestRegistry } from '../helpers/registry'
import { routerOnEngine } from '../helpers/router-on-engine'

const { available } = await requireEngine()

/** Builds a small image FROM the test image (legacy builder, no network), labelled for this run. */
async function build(tag: string, label: string, lines: string[] = []): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-it-build-'))
  try {
    writeFileSync(join(dir, 'Dockerfile'), [`FROM ${TEST_IMAGE}`, ...lines].join('\n') + '\n')
    await dockerCli('build', '-q', '--label', label, '-t', tag, dir)
    return (await engine.getImage(tag).inspect()).Id
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function gone(ref: string): Promise<boolean> {
  try {
    await engine.getImage(ref).inspect()
    return false
  } catch (err) {
    return (err as { statusCode?: number }).statusCode === 404
  }
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe.skipIf(!available)('images, pull and push through the router, on the real engine and a local registry', () => {
  const run = new TestRun()
  const label = `${TEST_LABEL}=${run.id}`
  let registry: TestRegistry
  const created: string[] = []
  const on = routerOnEngine(run)

  // A ~24 MB image in the registry only (two random layers), so a pull has something to download.
  let big: string

  beforeAll(async () => {
    registry = await startRegistry()
    big = `${registry.host}/berth-test/big:${run.id}`
    created.push(big)
    await build(big, label, ['RUN head -c 16000000 /dev/urandom > /big1', 'RUN head -c 8000000 /dev/urandom > /big2'])
    await dockerCli('push', big)
    await dockerCli('rmi', big)
  }, 180_000)

  afterAll(async () => {
    for (const ref of created)
      await engine
        .getImage(ref)
        .remove({ force: true })
        .catch(() => undefined)
    await registry?.stop()
  })

  async function ok<T>(channel: string, params?: unknown): Promise<T> {
    const out = (await on.router.invoke(channel, params)) as Outcome<T>
    if (!out.ok) throw new Error(`${channel} failed: ${out.error.code} ${out.error.message}`)
    return out.value
  }

  async function refused(channel: string, params?: unknown) {
    const out = await on.router.invoke(channel, params)
    expect(out.ok, `${channel} should have failed`).toBe(false)
    return (out as { ok: false; error: { code: string; message: string; details?: Record<string, unknown> } }).error
  }

  /** Runs a pull or push to its end: the messages and the error it ended with, if any. */
  async function transfer(topic: 'images:pull' | 'images:push', reference: string) {
    const r = on.renderer()
    const sub = on.subscribe(r, topic, { reference })
    await until(() => r.ends.some((e) => e.sub === sub), `${topic} of ${reference} to end`, 120_000)
    return { messages: r.messagesOf<TransferMessage>(sub), error: r.ends.find((e) => e.sub === sub)?.error }
  }

  it('pushes a retagged test image to the registry with progress and a digest', async () => {
    const ref = `${registry.host}/berth-test/busybox:${run.id}`
    created.push(ref)
    await ok('images:tag', { id: TEST_IMAGE, target: ref })
    const { messages, error } = await transfer('images:push', ref)
    expect(error).toBeUndefined()
    expect(messages[0]).toMatchObject({ kind: 'started', reference: ref })
    const progress = messages.filter((m) => m.kind === 'progress')
    expect(progress.length).toBeGreaterThan(0)
    const done = messages[messages.length - 1]
    expect(done).toMatchObject({ kind: 'done', reference: ref, digest: expect.stringMatching(/^sha256:[a-f0-9]{64}$/) })
    const last = progress[progress.length - 1]!
    expect(last.kind === 'progress' && last.layers.every((l) => l.phase === 'done')).toBe(true)
  })

  it('removes the local copy, then pulls it back with progress to done', async () => {
    const ref = `${registry.host}/berth-test/busybox:${run.id}`
    const removed = await ok<ImageRemoved>('images:remove', { id: ref, force: false })
    expect(removed.untagged).toContain(ref)
    expect(await gone(ref)).toBe(true)
    const { messages, error } = await transfer('images:pull', ref)
    expect(error).toBeUndefined()
    const done = messages.find((m) => m.kind === 'done')
    expect(done).toMatchObject({ kind: 'done', reference: ref, imageId: (await engine.getImage(TEST_IMAGE).inspect()).Id })
  })

  it('pulls an image with new layers through downloading and extracting to done', async () => {
    const { messages, error } = await transfer('images:pull', big)
    expect(error).toBeUndefined()
    const progress = messages.flatMap((m) => (m.kind === 'progress' ? [m] : []))
    const phases = new Set(progress.flatMap((m) => m.layers.map((l) => l.phase)))
    expect(phases.has('done')).toBe(true)
    expect([...phases].some((p) => p === 'downloading' || p === 'extracting')).toBe(true)
    const last = progress[progress.length - 1]!
    expect(last.aggregate).toMatchObject({ fraction: 1, layersDone: last.aggregate.layers })
    expect(last.aggregate.bytes).toBeGreaterThan(20_000_000)
    const done = messages.find((m) => m.kind === 'done')
    expect(done?.kind === 'done' && done.imageId).toBe((await engine.getImage(big).inspect()).Id)
    await ok('images:remove', { id: big, force: false })
  })

  it('refuses to push a tag that does not exist, and a push the registry does not allow until Berth has its login', async () => {
    const missing = await transfer('images:push', `${registry.host}/berth-test/none:${run.id}`)
    expect(missing.messages.some((m) => m.kind === 'done')).toBe(false)
    expect(missing.error).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'image_push_tag_missing' } })
    const locked = await startRegistry({ auth: true })
    try {
      const ref = `${locked.host}/berth-test/busybox:${run.id}`
      created.push(ref)
      await ok('images:tag', { id: TEST_IMAGE, target: ref })
      // No login for this registry: the engine writes the refusal inside its 200 stream.
      const denied = await transfer('images:push', ref)
      expect(denied.messages.some((m) => m.kind === 'done')).toBe(false)
      expect(denied.error).toMatchObject({ code: 'PERMISSION_DENIED', details: { reason: 'image_registry_unauthorized' } })
      // Logged in (Docker's config.json in the run's temp dir), the same push goes through with the stored credentials.
      await on.services.credentials.save(locked.host, locked.user!, locked.password!)
      const allowed = await transfer('images:push', ref)
      expect(allowed.error).toBeUndefined()
      expect(allowed.messages[allowed.messages.length - 1]).toMatchObject({ kind: 'done', reference: ref })
    } finally {
      await locked.stop()
    }
  })

  it('ends the pull of a tag the registry does not have with NOT_FOUND, never with done', async () => {
    const ref = `${registry.host}/berth-test/busybox:no-such-tag`
    const { messages, error } = await transfer('images:pull', ref)
    expect(messages.some((m) => m.kind === 'done')).toBe(false)
    expect(error).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'image_manifest_unknown' } })
  })

  it('refuses a pull reference that breaks the grammar before anything reaches the engine', () => {
    const out = on.router.subscribe(on.renderer().session, 'images:pull', { reference: 'Busybox:latest' }, { message: () => undefined, end: () => undefined })
    expect(out.ok).toBe(false)
    expect(!out.ok && out.error).toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'image_ref_uppercase' } })
  })

  it('cancels a pull mid-way: the answer says what was left, the subscription ends CANCELLED, no engine stream stays open', async () => {
    const r = on.renderer()
    const sub = on.subscribe(r, 'images:pull', { reference: big })
    await until(() => r.messagesOf<TransferMessage>(sub).some((m) => m.kind === 'started'), 'the started message')
    const started = r.messagesOf<TransferMessage>(sub)[0]
    // Mid-way: once the engine has announced the layers and some are not complete yet.
    await until(() => r.messagesOf<TransferMessage>(sub).some((m) => m.kind === 'progress' && m.layers.some((l) => l.phase !== 'done')), 'a progress message with layers to go')
    expect(openEngineStreams('pull')).toBe(1)
    const left = await ok<TransferCancelled>('images:cancel', { transferId: started?.kind === 'started' ? started.transferId : '' })
    expect(left.reference).toBe(big)
    expect(left.layersLeft).toBeGreaterThan(0)
    await until(() => r.ends.some((e) => e.sub === sub), 'the subscription to end')
    expect(r.ends.find((e) => e.sub === sub)?.error).toMatchObject({ code: 'CANCELLED', details: { reason: 'image_transfer_cancelled' } })
    expect(openEngineStreams('pull')).toBe(0)
    expect(await gone(big)).toBe(true)
  })

  it('cancels a pull when its subscriber unsubscribes, leaving no engine stream', async () => {
    const r = on.renderer()
    const sub = on.subscribe(r, 'images:pull', { reference: big })
    await until(() => openEngineStreams('pull') === 1, 'the engine pull stream to open')
    on.router.unsubscribe(r.session, sub)
    expect(openEngineStreams('pull')).toBe(0)
    // The engine stops its work when the request goes: the image never appears.
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(await gone(big)).toBe(true)
  })

  it('refuses to remove an image a container uses with CONFLICT naming the container', async () => {
    const tag = `berth-test/in-use:${run.id}`
    created.push(tag)
    await build(tag, label, [`LABEL berth.test.inuse=${run.id}`])
    const c = await engine.createContainer({ Image: tag, name: run.name('user'), Labels: { [TEST_LABEL]: run.id }, Cmd: ['sleep', '1'] })
    const name = (await c.inspect()).Name.replace(/^\//, '')
    const rows = await ok<ImageRow[]>('images:list')
    expect(rows.find((row) => row.repository === 'berth-test/in-use' && row.tag === run.id)?.containers).toBe(1)
    const err = await refused('images:remove', { id: tag, force: false })
    expect(err).toMatchObject({ code: 'CONFLICT', details: { reason: 'image_in_use', containers: name } })
    expect(err.message).toContain(name)
    const detail = await ok<ImageDetail>('images:inspect', { id: tag })
    expect(detail.containers.map((u) => u.name)).toEqual([name])
    await c.remove({ force: true })
  })

  it('refuses a tag with a bad reference as INVALID_INPUT with the grammar reason', async () => {
    const err = await refused('images:tag', { id: TEST_IMAGE, target: 'localhost:5000/Team/app:1' })
    expect(err).toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'image_ref_uppercase' } })
    const bad = await refused('images:tag', { id: TEST_IMAGE, target: 'app:.bad' })
    expect(bad.details?.reason).toBe('image_ref_bad_tag')
  })

  it('shows the detail of an image: config, history with empty steps, OS and architecture', async () => {
    const tag = `berth-test/detail:${run.id}`
    created.push(tag)
    await build(tag, label, ['ENV GREETING=hello', 'EXPOSE 8080/tcp', 'WORKDIR /srv', 'CMD ["sleep", "1"]'])
    const d = await ok<ImageDetail>('images:inspect', { id: tag })
    expect(d.repoTags).toEqual([tag])
    expect(d.config).toMatchObject({ cmd: ['sleep', '1'], exposedPorts: ['8080/tcp'], workingDir: '/srv' })
    expect(d.config.env).toContain('GREETING=hello')
    expect(d.os).toBe('linux')
    expect(d.history.some((h) => h.empty && h.createdBy.startsWith('ENV GREETING'))).toBe(true)
  })

  it('prunes exactly the dangling images the preview listed, and reports the space freed', async () => {
    const tag = `berth-test/prune:${run.id}`
    const pruneLabel = `${TEST_LABEL}.prune=${run.id}`
    const first = await build(tag, pruneLabel, ['ENV STEP=1'])
    const second = await build(tag, pruneLabel, ['ENV STEP=2'])
    await build(tag, pruneLabel, ['ENV STEP=3'])
    created.push(tag)
    const preview = await ok<ImagePrunePreview>('images:prune-preview', { mode: 'dangling', label: pruneLabel })
    expect(
      preview.items
        .filter((i) => i.parentOf === null)
        .map((i) => i.id)
        .sort(),
    ).toEqual([first, second].sort())
    const result = await ok<ImagePruneResult>('images:prune', { mode: 'dangling', label: pruneLabel })
    expect(result.deleted.sort()).toEqual(preview.items.map((i) => i.id).sort())
    expect(await gone(first)).toBe(true)
    expect(await gone(tag)).toBe(false)
  })
})
