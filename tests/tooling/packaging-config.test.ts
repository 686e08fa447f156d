import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'

// scripts/check-packaging.mjs (npm test's packaging step) on the real build/electron-builder.yml,
// and on a copy that lost a fuse. Both at once: each run loads electron-builder's schema check.
const ROOT = resolve(__dirname, '../..')
const CONFIG = join(ROOT, 'build/electron-builder.yml')
const run = promisify(execFile)
const check = (config: string) => run(process.execPath, [join(ROOT, 'scripts/check-packaging.mjs'), '--config-only', '--config', config], { cwd: ROOT })

let dir = ''
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('packaged app fuses', () => {
  it('turn file:// extra privileges off, and a config that leaves them on is refused', async () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-packaging-'))
    const withoutFuse = join(dir, 'electron-builder.yml')
    const yml = readFileSync(CONFIG, 'utf8')
    expect(yml).toMatch(/^ {2}grantFileProtocolExtraPrivileges: false$/m)
    writeFileSync(withoutFuse, yml.replace(/^ {2}grantFileProtocolExtraPrivileges: false\n/m, ''))
    const [ours, lost] = await Promise.allSettled([check(CONFIG), check(withoutFuse)])
    expect(ours).toMatchObject({ status: 'fulfilled', value: { stdout: expect.stringContaining('check-packaging: OK') } })
    expect(lost).toMatchObject({ status: 'rejected', reason: { stderr: expect.stringContaining('electronFuses.grantFileProtocolExtraPrivileges must be false') } })
  }, 60_000)
})
