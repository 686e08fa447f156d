import { execFile } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import type { Outcome } from '../../src-main/transport/router'
import { openEngineStreams } from '../../src-main/streams/gauge'
import { engine, requireEngine, TEST_IMAGE, TEST_LABEL, TestRun, volumeChecksums } from '../helpers/engine'
import { routerOnEngine } from '../helpers/router-on-engine'
import { ScriptedDialogs } from '../helpers/scripted-dialogs'

// The files main writes for the person (Electron's save dialog, scripted here): logs, merged logs,
// a volume's .tar, a file of a volume or a container. Each is written 0600, and a disk that fills
// up (a 1 MiB tmpfs) gives a translated error, leaves no partial file and touches nothing else.
// A volume import whose disk fills says the volume is incomplete instead of reporting success.

const exec = promisify(execFile)
const { available } = await requireEngine()
const root = process.getuid?.() === 0
if (available && !root) console.warn('disk-full tests skipped: mounting a small tmpfs needs root')

describe.skipIf(!available)('files main writes for the person, on the real engine', () => {
  const run = new TestRun()
  const dialogs = new ScriptedDialogs()
  const on = routerOnEngine(run, { host: dialogs })
  const dir = mkdtempSync(join(tmpdir(), 'berth-it-export-files-'))
  const label = { [TEST_LABEL]: run.id }
  const mounted: string[] = []

  afterAll(async () => {
    await run.cleanup()
    const { Volumes } = await engine.listVolumes({ filters: { label: [`${TEST_LABEL}=${run.id}`] } })
    for (const v of Volumes ?? [])
      await engine
        .getVolume(v.Name)
        .remove({ force: true })
        .catch(() => undefined)
    // Lazily if need be: a volume the engine still had mounted must not keep the test's disk busy.
    for (const m of mounted) await exec('umount', [m]).catch(() => exec('umount', ['-l', m]))
    rmSync(dir, { recursive: true, force: true })
  })

  async function invoke<T>(channel: string, params?: unknown): Promise<Outcome<T>> {
    return (await on.router.invoke(channel, params)) as Outcome<T>
  }

  async function ok<T>(channel: string, params?: unknown): Promise<T> {
    const out = await invoke<T>(channel, params)
    if (!out.ok) throw new Error(`${channel} failed: ${out.error.code} ${out.error.message}`)
    return out.value
  }

  async function refused(channel: string, params?: unknown) {
    const out = await invoke(channel, params)
    if (out.ok) throw new Error(`${channel} should have failed, and answered ${JSON.stringify(out.value)}`)
    return out.error
  }

  // Without a network: nothing here needs one, and the tests do not depend on the engine's bridge.
  async function runToEnd(hint: string, script: string, mounts: { Type: 'volume'; Source: string; Target: string }[] = []): Promise<{ id: string; name: string }> {
    const name = run.name(hint)
    const c = await engine.createContainer({ name, Image: TEST_IMAGE, Cmd: ['sh', '-c', script], Labels: label, HostConfig: { NetworkMode: 'none', Mounts: mounts } })
    await c.start()
    await c.wait()
    return { id: c.id, name }
  }

  /** A volume of this run, filled by a container of the test image that ran `script` with it at /v. */
  async function filledVolume(hint: string, script: string): Promise<string> {
    const name = run.name(hint)
    await ok('volumes:create', { name, labels: label })
    const c = await runToEnd(`${hint}-filler`, script, [{ Type: 'volume', Source: name, Target: '/v' }])
    await engine.getContainer(c.id).remove()
    return name
  }

  /** A stopped container of this run whose log is what `script` printed. */
  const loggedContainer = (hint: string, script: string) => runToEnd(hint, script)

  const checksums = (name: string) => volumeChecksums(name, run.id)

  async function helpersLeft(): Promise<number> {
    return (await engine.listContainers({ all: true, filters: { label: ['berth.helper=volume-browse'] } })).length
  }

  const modeOf = (path: string) => statSync(path).mode & 0o777

  describe('mode 0600', () => {
    it('writes a log export, a merged log export, a volume .tar and a volume file readable by the person only', async () => {
      const a = await loggedContainer('log-a', 'echo one; echo two >&2; echo note > /note.txt')
      const b = await loggedContainer('log-b', 'echo three')
      const volume = await filledVolume('mode', 'echo hello > /v/hello.txt')
      const exports: [string, string, unknown][] = [
        ['logs.log', 'logs:export', { id: a.id }],
        ['merged.log', 'logs:export-merged', { ids: [a.id, b.id] }],
        ['volume.tar', 'volumes:export', { name: volume }],
        ['hello.txt', 'volumes:download-file', { name: volume, path: '/hello.txt' }],
        ['note.txt', 'files:download', { id: a.id, path: '/note.txt' }],
      ]
      for (const [file, channel, params] of exports) {
        dialogs.saveTo = join(dir, file)
        expect(await ok<{ kind: string }>(channel, params)).toMatchObject({ kind: 'saved' })
        expect({ file, mode: modeOf(join(dir, file)).toString(8) }).toEqual({ file, mode: '600' })
      }
      expect(readFileSync(join(dir, 'hello.txt'), 'utf8')).toBe('hello\n')
      expect(readFileSync(join(dir, 'note.txt'), 'utf8')).toBe('note\n')
    })

    it('narrows a file picked to be replaced to 0600 too', async () => {
      const a = await loggedContainer('log-replace', 'echo replaced')
      const path = join(dir, 'existing.log')
      writeFileSync(path, 'old content that is longer than the new one\n')
      chmodSync(path, 0o644)
      dialogs.saveTo = path
      await ok('logs:export', { id: a.id })
      expect(modeOf(path)).toBe(0o600)
      expect(readFileSync(path, 'utf8')).toBe('replaced\n')
    })
  })

  describe.skipIf(!root)('a disk that fills up', () => {
    /** A fresh 1 MiB tmpfs holding one file of its own, which nothing may touch. */
    async function smallDisk(): Promise<{ path: string; untouched: () => void }> {
      const path = mkdtempSync(join(dir, 'disk-'))
      await exec('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', path])
      mounted.push(path)
      writeFileSync(join(path, 'keep.txt'), 'already here\n')
      return {
        path,
        untouched: () => {
          expect(readdirSync(path).filter((f) => f !== 'volume')).toEqual(['keep.txt'])
          expect(readFileSync(join(path, 'keep.txt'), 'utf8')).toBe('already here\n')
        },
      }
    }

    const diskFull = (path: string) => ({ code: 'INTERNAL', details: { reason: 'export_disk_full', path, errno: 'ENOSPC' } })
    // 15,000 lines of 101 bytes, about 1.5 MB: more than the disk holds, in few lines.
    const manyLines = `yes ${'x'.repeat(100)} | busybox head -n 15000`

    it('a log export says the disk is full, leaves no partial file, and the same export succeeds elsewhere', async () => {
      const disk = await smallDisk()
      const c = await loggedContainer('full-log', manyLines)
      dialogs.saveTo = join(disk.path, 'logs.log')
      expect(await refused('logs:export', { id: c.id })).toMatchObject(diskFull(dialogs.saveTo))
      disk.untouched()
      expect(openEngineStreams('logs')).toBe(0)

      dialogs.saveTo = join(dir, 'full-log-elsewhere.log')
      const saved = await ok<{ bytes: number }>('logs:export', { id: c.id })
      expect(saved.bytes).toBe(statSync(dialogs.saveTo).size)
      expect(readFileSync(dialogs.saveTo, 'utf8').split('\n')).toHaveLength(15_001)
    })

    it('a merged log export says the disk is full and leaves no partial file', async () => {
      const disk = await smallDisk()
      const a = await loggedContainer('full-merge-a', manyLines)
      const b = await loggedContainer('full-merge-b', 'echo short')
      dialogs.saveTo = join(disk.path, 'merged.log')
      expect(await refused('logs:export-merged', { ids: [a.id, b.id] })).toMatchObject(diskFull(dialogs.saveTo))
      disk.untouched()
      expect(openEngineStreams('logs')).toBe(0)
    })

    it('a volume export says the disk is full, leaves no partial .tar, and the volume keeps its files', async () => {
      const disk = await smallDisk()
      const volume = await filledVolume('full-export', 'busybox head -c 2000000 /dev/urandom > /v/big.bin && echo small > /v/small.txt')
      const before = await checksums(volume)
      dialogs.saveTo = join(disk.path, 'volume.tar')
      expect(await refused('volumes:export', { name: volume })).toMatchObject(diskFull(dialogs.saveTo))
      disk.untouched()
      expect(await checksums(volume)).toBe(before)
      expect(await helpersLeft()).toBe(0)
      expect(openEngineStreams('volumes:transfer')).toBe(0)
    })

    it('a volume import whose disk fills up says so and that the volume is incomplete; nothing else is touched', async () => {
      // The .tar on a disk with room; the target volume on the small disk (a bind-mounted local volume).
      const source = await filledVolume('full-source', 'busybox head -c 2000000 /dev/urandom > /v/big.bin && echo small > /v/small.txt')
      const sourceSums = await checksums(source)
      const tar = join(dir, 'source.tar')
      dialogs.saveTo = tar
      await ok('volumes:export', { name: source })
      const disk = await smallDisk()
      mkdirSync(join(disk.path, 'volume'))
      const target = run.name('full-target')
      await engine.createVolume({ Name: target, Driver: 'local', DriverOpts: { type: 'none', o: 'bind', device: join(disk.path, 'volume') }, Labels: label })
      dialogs.file = { path: tar, name: 'source.tar', size: statSync(tar).size }
      try {
        const err = await refused('volumes:import', { name: target, create: false })
        expect(err).toMatchObject({ code: 'INTERNAL', details: { reason: 'volume_import_disk_full_partial', name: target } })
        expect(err.message).toContain('incomplete')
      } finally {
        dialogs.file = null
      }
      disk.untouched()
      // The volume is still there (Berth does not remove what it did not make), the source is whole,
      // no helper is left, and the engine answers.
      await engine.getVolume(target).inspect()
      expect(await checksums(source)).toBe(sourceSums)
      expect(await helpersLeft()).toBe(0)
      expect(openEngineStreams('volumes:transfer')).toBe(0)
      expect((await ok<{ name: string }[]>('volumes:list')).some((v) => v.name === source)).toBe(true)
    })
  })
})
