import { spawn, type ChildProcess, execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './free-port'

// A real Docker registry (Debian's docker-registry, distribution 2.8) on 127.0.0.1, one per test
// file: open, or with htpasswd basic auth. The engine talks plain HTTP to 127.0.0.1 registries.

export interface TestRegistry {
  /** host:port, as it appears in an image reference (`127.0.0.1:41234/berth-test/x:1`). */
  host: string
  /** Base URL of its v2 API. */
  url: string
  /** With auth: the accepted user and password. */
  user?: string
  password?: string
  stop(): Promise<void>
}

async function waitUntilAnswers(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited (${child.exitCode}): ${log()}`)
    try {
      const res = await fetch(`${url}/v2/`)
      // 200 (open) or 401 (auth): either way it is serving.
      if (res.status === 200 || res.status === 401) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`docker-registry did not answer at ${url}: ${log()}`)
}

/** Starts a registry; `auth` adds htpasswd basic auth for `tester` / `secret-<random>`. */
export async function startRegistry(options: { auth?: boolean } = {}): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-registry-'))
  const port = await freePort()
  const host = `127.0.0.1:${port}`
  const user = 'tester'
  const password = `secret-${Math.random().toString(36).slice(2, 10)}`
  const lines = ['version: 0.1', `storage: {filesystem: {rootdirectory: ${join(dir, 'data')}}, delete: {enabled: true}}`, `http: {addr: "${host}"}`]
  if (options.auth) {
    // bcrypt is the only hash the registry accepts.
    const entry = execFileSync('htpasswd', ['-Bbn', user, password], { encoding: 'utf8' }).trim()
    writeFileSync(join(dir, 'htpasswd'), `${entry}\n`)
    lines.push(`auth: {htpasswd: {realm: berth-test, path: ${join(dir, 'htpasswd')}}}`)
  }
  writeFileSync(join(dir, 'config.yml'), `${lines.join('\n')}\n`)
  let output = ''
  const child = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)))
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)))
  const url = `http://${host}`
  try {
    await waitUntilAnswers(url, child, () => output)
  } catch (err) {
    child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
    throw err
  }
  return {
    host,
    url,
    ...(options.auth ? { user, password } : {}),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
