import { spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

// scripts/start.sh itself, run in a copy of the repository layout with the commands it calls
// (node, npx, npm, id, uname) replaced by stand-ins that record what they were asked to run.
const START = resolve(__dirname, '../../scripts/start.sh')

interface Machine {
  uid: number
  display: boolean
  electronBinary: boolean
  env?: Record<string, string>
}

const STAND_INS: Record<string, string> = {
  // The Electron check (`node -e`), the binary download, and browser mode (`node out/main/web.js`).
  node: `if [[ $1 == -e ]]; then [[ $FAKE_ELECTRON == 1 ]] && printf /fake/electron; exit $(( FAKE_ELECTRON == 1 ? 0 : 1 )); fi
echo "node $*" >> "$RAN"`,
  npx: `[[ $3 == electron-vite || $4 == scripts/gen-registries.ts ]] && exit 0
echo "npx $*" >> "$RAN"`,
  npm: `echo "npm $*" >> "$RAN"`,
  id: `echo "$FAKE_UID"`,
  uname: `echo Linux`,
}

let dir = ''
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function start(machine: Machine, args: string[] = []) {
  dir = mkdtempSync(join(tmpdir(), 'berth-start-'))
  mkdirSync(join(dir, 'repo/scripts'), { recursive: true })
  mkdirSync(join(dir, 'repo/node_modules'))
  mkdirSync(join(dir, 'bin'))
  copyFileSync(START, join(dir, 'repo/scripts/start.sh'))
  // Installed and up to date: the lock file is older than node_modules' record of it.
  writeFileSync(join(dir, 'repo/package-lock.json'), '{}')
  writeFileSync(join(dir, 'repo/node_modules/.package-lock.json'), '{}')
  utimesSync(join(dir, 'repo/package-lock.json'), new Date(2020, 0, 1), new Date(2020, 0, 1))
  for (const [name, body] of Object.entries(STAND_INS)) {
    writeFileSync(join(dir, 'bin', name), `#!/usr/bin/env bash\n${body}\n`)
    chmodSync(join(dir, 'bin', name), 0o755)
  }
  const ran = join(dir, 'ran.log')
  writeFileSync(ran, '')
  const env: Record<string, string> = {
    PATH: `${join(dir, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: dir,
    RAN: ran,
    FAKE_UID: String(machine.uid),
    FAKE_ELECTRON: machine.electronBinary ? '1' : '0',
    ...(machine.display ? { DISPLAY: ':0' } : {}),
    ...machine.env,
  }
  const out = spawnSync('bash', [join(dir, 'repo/scripts/start.sh'), ...args], { env, encoding: 'utf8' })
  return { status: out.status, stderr: out.stderr, ran: readFileSync(ran, 'utf8').trim().split('\n').filter(Boolean) }
}

describe('npm start (scripts/start.sh)', () => {
  it('refuses the desktop app as root, says how to run instead, and never starts Electron without its sandbox', () => {
    const r = start({ uid: 0, display: true, electronBinary: true })
    expect(r.status).toBe(1)
    expect(r.ran).toEqual([])
    expect(r.stderr).toContain('does not run as root')
    expect(r.stderr).toContain('normal user')
    expect(r.stderr).toContain('BERTH_WEB=1 npm start')
  })

  it('runs browser mode as root when asked to, and when there is no display or no Electron binary', () => {
    for (const machine of [
      { uid: 0, display: true, electronBinary: true, env: { BERTH_WEB: '1' } },
      { uid: 0, display: false, electronBinary: true },
      { uid: 0, display: true, electronBinary: false },
      { uid: 0, display: false, electronBinary: false },
    ]) {
      const r = start(machine, ['--no-open'])
      expect(r.status, JSON.stringify(machine)).toBe(0)
      expect(r.ran, JSON.stringify(machine)).toEqual(['node out/main/web.js --no-open'])
    }
  })

  it('starts the desktop app, sandboxed, for a normal user with a display and the Electron binary', () => {
    const r = start({ uid: 1000, display: true, electronBinary: true }, ['--some-flag'])
    expect(r.status).toBe(0)
    expect(r.ran).toEqual(['npx --no -- electron . --some-flag'])
  })
})
