import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

// The Electronegativity gate (scripts/electronegativity.mjs) on a made-up main process: it must
// fail on a finding nobody explained, and on an explanation that does not say why.
let dir = ''
afterEach(() => rmSync(dir, { recursive: true, force: true }))

// What the global checks look for (navigation limited, permissions refused, a CSP), so only the line under test is judged.
const HARDENING = `import { app, session } from 'electron'
app.on('web-contents-created', (_e, wc) => {
  wc.on('will-navigate', (e) => e.preventDefault())
  wc.setWindowOpenHandler(() => ({ action: 'deny' }))
})
session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
  callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': ["default-src 'none'"] } })
})
`

function gate(windowSource: string) {
  dir = mkdtempSync(join(tmpdir(), 'berth-eng-'))
  mkdirSync(join(dir, 'src-main'))
  writeFileSync(join(dir, 'src-main/harden.ts'), HARDENING)
  writeFileSync(join(dir, 'src-main/window.ts'), `import { shell } from 'electron'\n${windowSource}\n`)
  const run = spawnSync(process.execPath, ['scripts/electronegativity.mjs', '--source', '--tree', dir], { encoding: 'utf8' })
  return { status: run.status, output: run.stdout + run.stderr }
}

describe('the electronegativity gate', () => {
  it('fails on an unexplained medium finding', () => {
    const { status, output } = gate('export const open = (url: string) => shell.openExternal(url)')
    expect(output).toContain('OPEN_EXTERNAL_JS_CHECK at src-main/window.ts:2')
    expect(status).toBe(1)
  }, 60_000)

  it('fails on an explanation that does not say why', () => {
    const { status, output } = gate('export const open = (url: string) => shell.openExternal(url) // eng-disable OPEN_EXTERNAL_JS_CHECK')
    expect(output).toContain('disables OPEN_EXTERNAL_JS_CHECK without saying why')
    expect(status).toBe(1)
  }, 60_000)

  it('passes a finding explained on its line', () => {
    const { status, output } = gate('export const open = (url: string) => shell.openExternal(url) // eng-disable OPEN_EXTERNAL_JS_CHECK -- the caller checked the URL')
    expect(output).toContain('no unexplained high or medium finding')
    expect(status).toBe(0)
  }, 60_000)
})
