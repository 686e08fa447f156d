import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'
import type { RunnerTestCase } from 'vitest'
import { Services } from '../../src-main/services'
import { browserHost, type BrowserHost } from '../../src-main/transport/browser-host'
import { startWebServer, type WebServer } from '../../src-main/transport/web-server'

// End-to-end harness: main's services in this process, the built renderer served by browser
// mode, Debian's Chromium driving it. The engine is always the real one.

const run = promisify(execFile)

export const ROOT = resolve(__dirname, '../..')
export const RENDERER_DIR = join(ROOT, 'out/renderer')
export const ARTIFACTS_DIR = join(ROOT, '.test-artifacts')
export const ENGINE_SOCKET = '/var/run/docker.sock'
export const TEST_IMAGE = 'berth-test/busybox:latest'

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

// ---------------------------------------------------------------------------------------------
// The engine

/** Runs the docker CLI against the real engine; rejects with its stderr on failure. */
export async function docker(...args: string[]): Promise<string> {
  try {
    const { stdout } = await run('docker', args, { env: { ...process.env, DOCKER_HOST: `unix://${ENGINE_SOCKET}` }, maxBuffer: 16 * 1024 * 1024 })
    return stdout.trim()
  } catch (err) {
    const e = err as { stderr?: string; message: string }
    throw new Error(`docker ${args.join(' ')}: ${(e.stderr ?? '').trim() || e.message}`)
  }
}

/**
 * Whether the engine answers and has the test image. Unreachable is a skip, unless
 * REQUIRE_ENGINE=1, where it is a failure (thrown at collection, so the file fails).
 */
export async function engineReady(): Promise<boolean> {
  let problem: string | null = null
  try {
    await docker('version', '--format', '{{.Server.Version}}')
    try {
      await docker('image', 'inspect', '--format', '{{.Id}}', TEST_IMAGE)
    } catch {
      problem = `the test image ${TEST_IMAGE} is missing: run scripts/build-test-image.sh`
    }
  } catch (err) {
    problem = `the engine at ${ENGINE_SOCKET} is not reachable (${(err as Error).message})`
  }
  if (problem === null) return true
  if (process.env.REQUIRE_ENGINE === '1') throw new Error(`e2e: ${problem}, and REQUIRE_ENGINE=1`)
  console.warn(`e2e: skipped: ${problem}`)
  return false
}

/** Names and labels for one test file's containers, so afterAll removes exactly those. */
export class TestContainers {
  readonly runId = randomBytes(3).toString('hex')
  readonly label = `berth.test=e2e-${this.runId}`
  private counter = 0

  /** A unique container name: e2e-<runid>-<hint>-<n>. */
  name(hint: string): string {
    return `e2e-${this.runId}-${hint}-${++this.counter}`
  }

  /**
   * `docker run -d` (or `docker create` when `create`) with our label; returns the full id.
   * The command defaults to a long sleep; --init puts a real PID 1 in front of it, so
   * SIGTERM (Stop) ends it at once instead of after the engine's 10 s grace.
   */
  async run(name: string, opts: { labels?: Record<string, string>; args?: string[]; cmd?: string[]; create?: boolean } = {}): Promise<string> {
    const labels = Object.entries(opts.labels ?? {}).flatMap(([k, v]) => ['--label', `${k}=${v}`])
    return docker(
      opts.create ? 'create' : 'run',
      ...(opts.create ? [] : ['-d']),
      '--name',
      name,
      '--init',
      '--label',
      this.label,
      ...labels,
      ...(opts.args ?? []),
      TEST_IMAGE,
      ...(opts.cmd ?? ['sleep', '100000']),
    )
  }

  /** Removes every container carrying this file's label, and nothing else. */
  async removeAll(): Promise<void> {
    const ids = (await docker('ps', '-aq', '--filter', `label=${this.label}`)).split('\n').filter(Boolean)
    if (ids.length > 0) await docker('rm', '-f', ...ids)
  }
}

// ---------------------------------------------------------------------------------------------
// A proxy socket in front of the engine, which a test can cut and restore

export interface EngineProxy {
  url: string
  /** Stops accepting and destroys every open connection: to Berth, the engine is gone. */
  cut(): Promise<void>
  /** Listens again on the same path. */
  restore(): Promise<void>
  /** Keeps every connection and accepts new ones, but holds what either side sends: a hung engine. */
  stall(): void
  /** Lets everything held through, in order, and forwards again. */
  answer(): void
  close(): Promise<void>
}

export async function startEngineProxy(target = ENGINE_SOCKET): Promise<EngineProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-e2e-proxy-'))
  const path = join(dir, 'engine.sock')
  const sockets = new Set<Socket>()
  let server: Server | null = null
  let held: (() => void)[] | null = null
  const relay = (from: Socket, to: Socket) => {
    from.on('data', (chunk: Buffer) => (held ? held.push(() => to.write(chunk)) : to.write(chunk)))
    from.on('end', () => (held ? held.push(() => to.end()) : to.end()))
    from.on('close', () => to.destroy())
  }

  const listen = () =>
    new Promise<void>((done, fail) => {
      const s = createServer((client) => {
        const upstream = connect(target)
        for (const sock of [client, upstream]) {
          sockets.add(sock)
          sock.on('close', () => sockets.delete(sock))
          sock.on('error', () => {
            client.destroy()
            upstream.destroy()
          })
        }
        relay(client, upstream)
        relay(upstream, client)
      })
      s.once('error', fail)
      rmSync(path, { force: true })
      s.listen(path, () => {
        server = s
        done()
      })
    })

  const cut = async () => {
    const s = server
    server = null
    // close() stops accepting but waits for open connections: destroy them, then wait.
    const closed = s ? new Promise<void>((done) => s.close(() => done())) : Promise.resolve()
    for (const sock of sockets) sock.destroy()
    sockets.clear()
    await closed
  }

  await listen()
  return {
    url: `unix://${path}`,
    cut,
    restore: listen,
    stall: () => void (held ??= []),
    answer: () => {
      const waiting = held ?? []
      held = null
      for (const send of waiting) send()
    },
    close: async () => {
      await cut()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Berth in browser mode, and Chromium

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true })
}

export interface BerthServer {
  services: Services<BrowserHost>
  server: WebServer
  configDir: string
  /** The URL with the token, as Berth prints it. */
  url: string
  token: string
  origin: string
  close(): Promise<void>
}

/** Main's services over a temporary config dir, and the web server over out/renderer. */
export async function startBerth(opts: { engineUrl?: string; hubUrl?: string } = {}): Promise<BerthServer> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`e2e: ${RENDERER_DIR}/index.html is missing: run npx electron-vite build first`)
  }
  const configDir = mkdtempSync(join(tmpdir(), 'berth-e2e-config-'))
  // Docker's config.json (registry logins) in the temp dir too: tests never touch ~/.docker.
  const services = new Services({ host: browserHost(), configDir, engineUrl: opts.engineUrl, dockerConfigDir: join(configDir, 'docker'), hubUrl: opts.hubUrl })
  await services.start()
  let server: WebServer
  try {
    server = await startWebServer({ services, rendererDir: RENDERER_DIR })
  } catch (err) {
    services.dispose()
    throw err
  }
  return {
    services,
    server,
    configDir,
    url: server.url,
    token: server.token,
    origin: server.origin,
    close: async () => {
      await server.close()
      services.dispose()
      rmSync(configDir, { recursive: true, force: true })
    },
  }
}

export type ContextOptions = Pick<BrowserContextOptions, 'locale' | 'colorScheme' | 'viewport' | 'deviceScaleFactor'>

/** A fresh context (no cookies) with the app open through its token URL, the list loaded. */
export async function openApp(browser: Browser, berth: BerthServer, opts: ContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'en-US', colorScheme: 'light', viewport: { width: 1280, height: 760 }, ...opts })
  context.setDefaultTimeout(15_000)
  const page = await context.newPage()
  recordTrouble(page)
  const response = await page.goto(berth.url)
  if (!response?.ok()) throw new Error(`e2e: opening ${berth.origin} gave HTTP ${response?.status()}`)
  await page.getByRole('navigation').waitFor()
  return { context, page }
}

export interface App extends BerthServer {
  browser: Browser
  context: BrowserContext
  page: Page
}

/**
 * Everything at once: Berth, a browser (or the given one, left open on close) and a page.
 * close() ends what this call started.
 */
export async function startApp(opts: { browser?: Browser; engineUrl?: string } & ContextOptions = {}): Promise<App> {
  const { browser: given, engineUrl, ...contextOptions } = opts
  const berth = await startBerth({ engineUrl })
  const browser = given ?? (await launchBrowser())
  try {
    const { context, page } = await openApp(browser, berth, contextOptions)
    return {
      ...berth,
      browser,
      context,
      page,
      close: async () => {
        await context.close()
        if (!given) await browser.close()
        await berth.close()
      },
    }
  } catch (err) {
    if (!given) await browser.close()
    await berth.close()
    throw err
  }
}

/**
 * For afterEach: after a failed test, saves a screenshot of the page to .test-artifacts/.
 * (Takes the task rather than registering the hook, so scripts can import this file without vitest.)
 */
/** What went wrong in a page (console errors, failed or refused requests), told when a test fails. */
const trouble = new WeakMap<Page, string[]>()
function recordTrouble(page: Page): void {
  const seen: string[] = []
  trouble.set(page, seen)
  const note = (line: string) => {
    seen.push(`${new Date().toISOString()} ${line}`)
    if (seen.length > 50) seen.shift()
  }
  page.on('console', (m) => m.type() === 'error' && note(`console: ${m.text()}`))
  page.on('pageerror', (e) => note(`page error: ${e.message}`))
  page.on('requestfailed', (r) => note(`request failed: ${r.url()} (${r.failure()?.errorText ?? '?'})`))
  page.on('response', (r) => r.status() >= 400 && note(`HTTP ${r.status()}: ${r.url()}`))
}

export async function screenshotIfFailed(task: Pick<RunnerTestCase, 'name' | 'result' | 'fails'>, page: Page | null | undefined): Promise<void> {
  // A test marked `it.fails` is expected to fail: no screenshot for that.
  if (task.result?.state !== 'fail' || task.fails || !page || page.isClosed()) return
  const seen = trouble.get(page) ?? []
  if (seen.length) console.error(`e2e: what the page reported before "${task.name}" failed:\n  ${seen.join('\n  ')}`)
  mkdirSync(ARTIFACTS_DIR, { recursive: true })
  const file = join(ARTIFACTS_DIR, `e2e-${task.name.replace(/[^\w.-]+/g, '_').slice(0, 120)}.png`)
  try {
    await page.screenshot({ path: file, fullPage: true })
    console.error(`e2e: screenshot of the failed test saved to ${file}`)
  } catch (err) {
    console.error(`e2e: could not save a screenshot: ${String(err)}`)
  }
}
