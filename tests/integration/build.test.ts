import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { BuildMessage } from '../../src-shared/contract/build'
import type { BerthErrorShape } from '../../src-shared/contract/errors'
import { openEngineStreams } from '../../src-main/streams/gauge'
import { dockerCli, engine, requireEngine, TEST_IMAGE, TEST_LABEL, TestRun, type FakeRenderer } from '../helpers/engine'
import { routerOnEngine } from '../helpers/router-on-engine'

const { available } = await requireEngine()

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe.skipIf(!available)('the build topic on the real engine', () => {
  const run = new TestRun()
  const on = routerOnEngine(run)
  const dirs: string[] = []
  const tag = `berth-test/built-${run.id}:1`

  afterAll(async () => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
    await engine
      .getImage(tag)
      .remove({ force: true })
      .catch(() => undefined)
  })

  function context(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'berth-build-it-'))
    dirs.push(dir)
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true })
      writeFileSync(join(dir, path), text)
    }
    return dir
  }

  function build(r: FakeRenderer, params: Record<string, unknown>) {
    const sub = on.subscribe(r, 'build:run', { labels: { [TEST_LABEL]: run.id }, ...params })
    return {
      sub,
      messages: () => r.messagesOf<BuildMessage>(sub),
      ended: () => r.ends.find((e) => e.sub === sub),
      text: () => r.messagesOf<BuildMessage>(sub).flatMap((m) => (m.kind === 'output' ? m.lines.map((l) => l.text) : [])),
    }
  }

  /** Containers (any state) whose command holds `marker`: the builder's intermediate ones. */
  async function containersWith(marker: string): Promise<string[]> {
    const all = await engine.listContainers({ all: true })
    return all.filter((c) => c.Command.includes(marker)).map((c) => c.Id)
  }

  it('builds FROM the test image with a build arg, and a .dockerignore’d file never reaches the image', async () => {
    const dir = context({
      Dockerfile: `FROM ${TEST_IMAGE}\nARG GREETING\nCOPY . /ctx\nRUN echo "$GREETING" > /greeting\n`,
      '.dockerignore': 'secret.txt\n',
      'secret.txt': 'do not send',
      'app.txt': 'app',
    })
    const b = build(on.renderer(), { context: dir, tags: [tag], buildArgs: [{ key: 'GREETING', value: 'hello from berth' }] })
    await until(() => b.ended() !== undefined, 'the build to end')
    expect(b.ended()?.error).toBeUndefined()
    const done = b.messages().find((m) => m.kind === 'done')
    expect(done).toMatchObject({ kind: 'done', imageId: expect.stringMatching(/^sha256:/), tags: [tag] })
    // The engine adds a LABEL step of its own for the build's labels.
    expect(
      b
        .messages()
        .filter((m) => m.kind === 'step')
        .map((m) => m.kind === 'step' && `${m.step}/${m.total}`),
    ).toEqual(['1/5', '2/5', '3/5', '4/5', '5/5'])
    expect(b.text()).toContain(`Step 4/5 : RUN echo "$GREETING" > /greeting`)
    // The image holds what was sent: the greeting from the build arg, app.txt, and no secret.
    const inside = await dockerCli('run', '--rm', '--label', `${TEST_LABEL}=${run.id}`, tag, 'sh', '-c', 'cat /greeting; ls -a /ctx')
    expect(inside.split('\n')).toEqual(['hello from berth', '.', '..', '.dockerignore', 'Dockerfile', 'app.txt'])
    expect((await engine.getImage(tag).inspect()).Config.Labels).toMatchObject({ [TEST_LABEL]: run.id })
    expect(openEngineStreams('build')).toBe(0)
  })

  it('ends with the failing step and its exit code, and leaves no intermediate container', async () => {
    const marker = `fail-${run.id}`
    const dir = context({ Dockerfile: `FROM ${TEST_IMAGE}\nRUN echo ${marker} && exit 3\n` })
    const b = build(on.renderer(), { context: dir })
    await until(() => b.ended() !== undefined, 'the build to end')
    const error = b.ended()?.error as BerthErrorShape
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.details).toMatchObject({ reason: 'build_step_failed', step: 2, total: 3, exitCode: 3, instruction: `RUN echo ${marker} && exit 3` })
    expect(error.message).toContain('step 2/3')
    expect(b.text()).toContain(marker)
    expect(await containersWith(marker)).toEqual([])
    expect(openEngineStreams('build')).toBe(0)
  })

  it('names a missing Dockerfile before sending anything', async () => {
    const dir = context({ 'other.txt': 'x' })
    const b = build(on.renderer(), { context: dir, dockerfile: 'docker/Dockerfile' })
    await until(() => b.ended() !== undefined, 'the build to end')
    expect(b.ended()?.error).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'build_dockerfile_missing' } })
  })

  it('cancels the build when the subscriber leaves: the stream closes and the step’s container goes', async () => {
    const marker = `cancel-${run.id}`
    const dir = context({ Dockerfile: `FROM ${TEST_IMAGE}\nRUN echo ${marker} && sleep 60\n` })
    const r = on.renderer()
    const b = build(r, { context: dir })
    await until(() => b.text().includes(marker), 'the long step to start')
    expect(openEngineStreams('build')).toBe(1)
    on.router.unsubscribe(r.session, b.sub)
    expect(openEngineStreams('build')).toBe(0)
    expect(on.services.streams.openKeys().filter((k) => k.startsWith('build:'))).toEqual([])
    // The engine cancels the build: the RUN step's container is stopped and removed.
    await until(async () => (await containersWith(marker)).length === 0, 'the step container to go', 20_000)
  })
})
