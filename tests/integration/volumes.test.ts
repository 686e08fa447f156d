import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import type { RowPatch } from '../../src-shared/contract/live-list'
import type { VolumeFileText, VolumeListing, VolumePrunePreview, VolumePruneReport, VolumeRow } from '../../src-shared/contract/volumes'
import type { Outcome } from '../../src-main/transport/router'
import { openEngineStreams } from '../../src-main/streams/gauge'
import { engine, requireEngine, TEST_IMAGE, TEST_LABEL, TestRun, volumeChecksums } from '../helpers/engine'
import { routerOnEngine } from '../helpers/router-on-engine'
import { ScriptedDialogs } from '../helpers/scripted-dialogs'

const { available } = await requireEngine()

describe.skipIf(!available)('volumes through the router, on the real engine', () => {
  const run = new TestRun()
  // Main as Electron runs it: exports are saved and imports picked in (scripted) dialogs.
  const dialogs = new ScriptedDialogs()
  const on = routerOnEngine(run, { host: dialogs })
  const dir = mkdtempSync(join(tmpdir(), 'berth-it-volumes-'))
  const label = { [TEST_LABEL]: run.id }

  afterAll(async () => {
    // This run's volumes only, once this run's containers (which hold some of them) are gone.
    await run.cleanup()
    // Labelled ones, and those an import made (unlabelled, but named for this run).
    const { Volumes } = await engine.listVolumes()
    const mine = (Volumes ?? []).filter((v) => v.Labels?.[TEST_LABEL] === run.id || v.Name.startsWith(`berth-${run.id}-`))
    for (const v of mine)
      await engine
        .getVolume(v.Name)
        .remove({ force: true })
        .catch(() => undefined)
    rmSync(dir, { recursive: true, force: true })
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

  async function volume(hint: string): Promise<string> {
    const name = run.name(hint)
    await ok('volumes:create', { name, labels: label })
    return name
  }

  /** A container of the test image (labelled for this run) with the volume at /v; `cmd` runs it to the end. */
  async function containerWith(name: string, hint: string, cmd?: string): Promise<{ id: string; name: string }> {
    const cname = run.name(hint)
    const c = await engine.createContainer({
      name: cname,
      Image: TEST_IMAGE,
      Cmd: cmd ? ['sh', '-c', cmd] : ['sleep', '100000'],
      Labels: label,
      HostConfig: { Mounts: [{ Type: 'volume', Source: name, Target: '/v' }] },
    })
    if (cmd) {
      await c.start()
      await c.wait()
    }
    return { id: c.id, name: cname }
  }

  const checksums = (name: string) => volumeChecksums(name, run.id)

  async function helpersLeft(): Promise<string[]> {
    const list = await engine.listContainers({ all: true, filters: { label: ['berth.helper=volume-browse'] } })
    return list.map((c) => c.Id)
  }

  const fill = [
    'echo "hello volume" > /v/hello.txt',
    'busybox mkdir -p /v/dir/deeper',
    'busybox head -c 300000 /dev/urandom > /v/dir/random.bin',
    `echo deep > /v/dir/deeper/${'n'.repeat(150)}.txt`,
    'busybox ln -s hello.txt /v/link',
    'printf "a\\000b" > /v/binary.dat',
  ].join(' && ')

  it('creates a named volume and lists it with driver, mountpoint and no users; a taken name is a CONFLICT', async () => {
    const name = await volume('created')
    const rows = await ok<VolumeRow[]>('volumes:list')
    const row = rows.find((r) => r.name === name)
    expect(row).toMatchObject({ name, driver: 'local', anonymous: false, usedBy: [], labels: label })
    expect(row!.mountpoint).toContain(name)
    expect(row!.created).toBeGreaterThan(0)
    const err = await refused('volumes:create', { name, labels: label })
    expect(err).toMatchObject({ code: 'CONFLICT', details: { reason: 'volume_exists' } })
    expect((await refused('volumes:create', { name: '-bad name' })).code).toBe('INVALID_INPUT')
    expect((await refused('volumes:create', { name: run.name('nodriver'), driver: 'berth-no-such-driver' })).details).toMatchObject({ reason: 'volume_driver_unknown' })
  })

  it('shows the container that uses a volume, refuses its removal naming that container, and removes it once free', async () => {
    const name = await volume('inuse')
    const r = on.renderer()
    const sub = on.subscribe(r, 'volumes:changes')
    const c = await containerWith(name, 'user')
    await vi.waitFor(
      () =>
        expect(
          r
            .messagesOf<RowPatch<VolumeRow>[]>(sub)
            .flat()
            .some((p) => p.key === name && p.row?.usedBy.some((u) => u.name === c.name)),
        ).toBe(true),
      { timeout: 10_000 },
    )
    const row = (await ok<VolumeRow[]>('volumes:list')).find((v) => v.name === name)
    expect(row?.usedBy).toEqual([{ id: c.id, name: c.name, running: false }])

    const err = await refused('volumes:remove', { name })
    expect(err.code).toBe('CONFLICT')
    expect(err.details).toMatchObject({ reason: 'volume_in_use', containers: [c.name] })
    expect(err.message).toContain(c.name)

    await engine.getContainer(c.id).remove({ force: true })
    await ok('volumes:remove', { name })
    await vi.waitFor(
      () =>
        expect(
          r
            .messagesOf<RowPatch<VolumeRow>[]>(sub)
            .flat()
            .some((p) => p.key === name && p.row === null),
        ).toBe(true),
      { timeout: 10_000 },
    )
    expect((await ok<VolumeRow[]>('volumes:list')).some((v) => v.name === name)).toBe(false)
  })

  it('browses a folder (kinds, sizes, link targets), reads a text file, calls a binary one binary, and leaves no helper container', async () => {
    const name = await volume('browse')
    await containerWith(name, 'filler', fill)
    const root = await ok<VolumeListing>('volumes:browse', { name, path: '/' })
    const byName = new Map(root.entries.map((e) => [e.name, e]))
    expect(root.complete).toBe(true)
    expect([...byName.keys()].sort()).toEqual(['binary.dat', 'dir', 'hello.txt', 'link'])
    expect(byName.get('hello.txt')).toMatchObject({ kind: 'file', size: 13 })
    expect(byName.get('link')).toMatchObject({ kind: 'symlink', linkTarget: 'hello.txt' })
    expect(byName.get('dir')).toMatchObject({ kind: 'dir', size: 300_000 + 5 })
    const sub = await ok<VolumeListing>('volumes:browse', { name, path: '/dir/deeper' })
    expect(sub.entries.map((e) => e.name)).toEqual([`${'n'.repeat(150)}.txt`])

    expect(await ok<VolumeFileText>('volumes:read-file', { name, path: '/hello.txt' })).toMatchObject({ text: 'hello volume\n', binary: false, size: 13, truncated: false })
    expect(await ok<VolumeFileText>('volumes:read-file', { name, path: '/binary.dat' })).toMatchObject({ text: null, binary: true })
    expect((await refused('volumes:read-file', { name, path: '/dir' })).details).toMatchObject({ reason: 'volume_not_file' })
    expect((await refused('volumes:browse', { name, path: '/nothing' })).details).toMatchObject({ reason: 'volume_no_such_path' })
    expect((await refused('volumes:browse', { name, path: '/../etc' })).code).toBe('INVALID_INPUT')
    expect((await refused('volumes:browse', { name: `${name}-absent`, path: '/' })).details).toMatchObject({ reason: 'volume_not_found' })
    // A link on the way would be followed inside the helper: refused rather than showing the helper's files.
    await containerWith(name, 'linker', 'busybox ln -s /etc /v/outside')
    expect((await refused('volumes:read-file', { name, path: '/outside/passwd' })).details).toMatchObject({ reason: 'volume_path_link', path: '/outside', target: '/etc' })
    expect((await refused('volumes:browse', { name, path: '/outside' })).details).toMatchObject({ reason: 'volume_not_folder' })
    // Browsing made no volume of the absent name.
    expect((await engine.listVolumes({ filters: { name: [`${name}-absent`] } })).Volumes ?? []).toEqual([])
    expect(await helpersLeft()).toEqual([])
  })

  it('exports a volume to a .tar and imports it into a new volume with identical files; a non-empty target needs consent', async () => {
    const name = await volume('exported')
    await containerWith(name, 'filler', fill)
    const file = join(dir, 'export.tar')
    dialogs.saveTo = file
    const r = on.renderer()
    const token = 'progress-export-0001'
    const psub = on.subscribe(r, 'volumes:progress', { token })
    const saved = await ok<{ kind: string; bytes: number }>('volumes:export', { name, progress: token })
    expect(saved.kind).toBe('saved')
    expect(saved.bytes).toBe(statSync(file).size)
    expect(r.messagesOf<{ bytes: number; done: boolean }>(psub).at(-1)).toMatchObject({ bytes: saved.bytes, done: true })

    const target = run.name('imported')
    dialogs.file = { path: file, name: 'export.tar', size: statSync(file).size }
    try {
      const imported = await ok<{ kind: string; volume: string; bytes: number }>('volumes:import', { name: target, create: true })
      expect(imported).toEqual({ kind: 'imported', volume: target, bytes: saved.bytes })
      await engine.getVolume(target).inspect()
      expect(await checksums(target)).toBe(await checksums(name))
      expect(await checksums(target)).toContain('hello.txt')

      // Into an existing volume: empty is fine, a volume with files needs consent.
      const empty = await volume('empty')
      expect((await ok<{ kind: string }>('volumes:import', { name: empty, create: false })).kind).toBe('imported')
      const err = await refused('volumes:import', { name: empty, create: false })
      expect(err).toMatchObject({ code: 'CONFLICT', details: { reason: 'volume_not_empty' } })
      expect((await ok<{ kind: string }>('volumes:import', { name: empty, create: false, overwrite: true })).kind).toBe('imported')
      expect(await checksums(empty)).toBe(await checksums(name))

      // A file that is not a tar: refused, and the new volume is not left behind.
      const junk = join(dir, 'junk.tar')
      writeFileSync(junk, 'this is not a tar archive at all '.repeat(40))
      dialogs.file = { path: junk, name: 'junk.tar', size: statSync(junk).size }
      const bad = run.name('bad')
      expect((await refused('volumes:import', { name: bad, create: true })).code).toBe('INVALID_INPUT')
      expect((await engine.listVolumes({ filters: { name: [bad] } })).Volumes ?? []).toEqual([])
    } finally {
      dialogs.file = null
    }
    expect(await helpersLeft()).toEqual([])
    expect(openEngineStreams('volumes:transfer')).toBe(0)
  })

  it('clones a volume into a new one with identical files; an existing target name is a CONFLICT', async () => {
    const name = await volume('source')
    await containerWith(name, 'filler', fill)
    const target = run.name('clone')
    const row = await ok<VolumeRow>('volumes:clone', { name, target })
    expect(row.name).toBe(target)
    // The clone carries the source's labels, so this run's cleanup finds it.
    expect(row.labels).toMatchObject(label)
    expect(await checksums(target)).toBe(await checksums(name))
    expect((await refused('volumes:clone', { name, target })).details).toMatchObject({ reason: 'volume_exists' })
    expect(await helpersLeft()).toEqual([])
  })

  it('prunes exactly what the preview listed and reports the space it freed', async () => {
    const unused = await volume('unused')
    await containerWith(unused, 'filler', 'busybox head -c 50000 /dev/urandom > /v/f').then((c) => engine.getContainer(c.id).remove())
    const kept = await volume('kept')
    await containerWith(kept, 'keeper')
    // Only this run's volumes go: the preview is narrowed to them before pruning.
    await ok('volumes:list')
    const preview = await ok<VolumePrunePreview>('volumes:prune-preview', { includeNamed: true })
    const mine = preview.items.filter((i) => i.name.startsWith(`berth-${run.id}-`))
    expect(mine.map((i) => i.name)).toContain(unused)
    expect(mine.map((i) => i.name)).not.toContain(kept)
    expect(mine.find((i) => i.name === unused)?.size).toBe(50_000)
    const report = await ok<VolumePruneReport>('volumes:prune', { names: mine.map((i) => i.name) })
    expect(report.removed.map((r) => r.name).sort()).toEqual(mine.map((i) => i.name).sort())
    expect(report.bytes).toBe(mine.reduce((n, i) => n + (i.size ?? 0), 0))
    expect(report.skipped).toEqual([])
    const left = (await ok<VolumeRow[]>('volumes:list')).map((v) => v.name)
    expect(left).toContain(kept)
    expect(left).not.toContain(unused)

    // A volume taken into use after the preview is skipped, not removed.
    const late = await volume('late')
    await containerWith(late, 'late-user')
    const skipped = await ok<VolumePruneReport>('volumes:prune', { names: [late] })
    expect(skipped.removed).toEqual([])
    expect(skipped.skipped[0]?.message).toContain('in use')
  })
})
