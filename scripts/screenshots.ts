// Screenshots for the docs, from the real app on the real engine.
//
//   npx electron-vite build && npx tsx scripts/screenshots.ts [--replace | --reuse] [--keep]
//
// Creates a small demo set of containers (label berth.demo=1), runs browser mode on the engine
// Berth discovers, captures docs/screenshots/*.png at 1280×760 (the "engine lost" one through a
// socket proxy that is cut, so dockerd is never touched), then removes the containers it created.
//   --replace  first remove demo containers (berth.demo=1) an earlier run left behind
//   --reuse    photograph an existing demo set as it is, and leave it there
//   --keep     leave the demo set this run created (for a later --reuse)
//   --only     a comma-separated subset: containers, detail, settings, logs, stats, overview, disconnected, registries,
//              networks, files, disk, images, image-detail, pull, volumes, hub, run
//              (hub starts the local Docker Hub fixture and a Berth pointed at it)
//              (registries starts two docker-registry processes on loopback and pushes the test image to them)
// Korean text needs a CJK font (Debian: fonts-noto-cjk).
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { captureDisk, captureFiles, captureNetworks } from './screenshots-networks-files-disk'
import { captureHub } from './screenshots-hub'
import { captureImages } from './screenshots-images'
import { captureRegistries } from './screenshots-registries'
import { captureRun } from './screenshots-run'
import { captureVolumes } from './screenshots-volumes'
import { docker, engineReady, launchBrowser, openApp, ROOT, startBerth, startEngineProxy, TEST_IMAGE, type BerthServer, type ContextOptions, type EngineProxy } from '../tests/e2e/harness'

const OUT_DIR = join(ROOT, 'docs/screenshots')
const VIEWPORT = { width: 1280, height: 760 }
const DEMO_LABEL = 'berth.demo=1'
const RUN_LABEL = `berth.demo.run=${process.pid}-${Date.now().toString(36)}`
const PORTS = [3000, 8080]
// Without the tag, as people usually write it.
const IMAGE = TEST_IMAGE.replace(/:latest$/, '')

interface Demo {
  name: string
  args: string[]
  cmd?: string[]
  /** created: never started; exited: runs a command that ends; paused: paused after start. */
  state?: 'created' | 'exited' | 'paused'
}

function compose(service: string): string[] {
  const labels = {
    'com.docker.compose.project': 'shop',
    'com.docker.compose.service': service,
    'com.docker.compose.container-number': '1',
    'com.docker.compose.oneoff': 'False',
    'com.docker.compose.project.working_dir': '/srv/shop',
    'com.docker.compose.project.config_files': '/srv/shop/compose.yaml',
  }
  return Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`])
}

// What the demo api and web server print, with colours, a stderr line and URLs, for the Logs shots.
const API_LOG = [
  `printf '\\033[32mINFO\\033[0m  server listening on http://0.0.0.0:3000\\n'`,
  `printf '\\033[32mINFO\\033[0m  connected to postgres at db:5432 (pool size 10)\\n'`,
  'i=0',
  'while [ $i -lt 40 ]; do i=$((i+1)); case $((i % 8)) in',
  `0) printf '\\033[33mWARN\\033[0m  slow query: SELECT * FROM orders WHERE status = $1 (%dms)\\n' $((300 + i * 7)) ;;`,
  `3) printf '\\033[31mERROR\\033[0m POST /api/orders 502: payment gateway timed out after 5000ms\\n' >&2 ;;`,
  `5) printf '\\033[1;35mAUDIT\\033[0m order %d shipped by user %d\\n' $((1000 + i)) $((i % 9 + 1)) ;;`,
  `6) printf '\\033[36mDEBUG\\033[0m GET /health 200 0.%dms\\n' $((i % 9 + 1)) ;;`,
  `*) printf '\\033[32mINFO\\033[0m  GET /api/orders/%d 200 %d.%dms\\n' $((1000 + i)) $((i % 17 + 3)) $((i % 10)) ;;`,
  'esac; sleep 0.15; done',
  'exec sleep 100000',
].join('\n')
const WEB_LOG = [
  'i=0',
  'while [ $i -lt 30 ]; do i=$((i+1)); case $((i % 6)) in',
  `2) echo "172.17.0.1 - - \\"GET /assets/app-$i.js HTTP/1.1\\" 404 153" ;;`,
  `*) echo "172.17.0.1 - - \\"GET /orders/$((1000 + i)) HTTP/1.1\\" 200 $((4000 + i * 13))" ;;`,
  'esac; sleep 0.15; done',
  'exec sleep 100000',
].join('\n')

const RESIZER = ["held=$(head -c 20000000 /dev/zero | tr '\\0' a)", 'while true; do yes > /dev/null & p=$!; sleep 4; kill $p; sleep 2; done'].join('\n')

const DEMOS: Demo[] = [
  {
    name: 'shop-api-1',
    args: [
      ...compose('api'),
      '-p',
      '3000:3000',
      '--health-cmd',
      'true',
      '--health-interval',
      '2s',
      '--restart',
      'unless-stopped',
      '-e',
      'NODE_ENV=production',
      '-e',
      'PORT=3000',
      '-e',
      'DATABASE_URL=postgres://shop:example-only@db:5432/shop',
      '--memory',
      '256m',
    ],
    cmd: ['sh', '-c', API_LOG],
  },
  {
    name: 'shop-db-1',
    args: [
      ...compose('db'),
      '-v',
      '/var/run/docker.sock:/var/run/docker.sock',
      '-e',
      'POSTGRES_USER=shop',
      '-e',
      'POSTGRES_PASSWORD=example-only',
      '-e',
      'POSTGRES_DB=shop',
      '--restart',
      'unless-stopped',
    ],
  },
  { name: 'shop-worker-1', args: [...compose('worker'), '-e', 'QUEUE=orders'], state: 'created' },
  { name: 'web-frontend', args: ['-p', '8080:80', '-e', 'UPSTREAM=http://host.docker.internal:3000'], cmd: ['sh', '-c', WEB_LOG] },
  { name: 'cache', args: ['--memory', '64m'], state: 'paused' },
  { name: 'nightly-report', args: [], cmd: ['sh', '-c', 'echo report written'], state: 'exited' },
  // Bursts of CPU under a half-CPU limit, holding ~40 MB, for the Stats and Overview shots.
  { name: 'image-resizer', args: ['--cpus', '0.5', '--memory', '128m'], cmd: ['sh', '-c', RESIZER] },
]

const demoNames = async () => (await docker('ps', '-a', '--filter', `label=${DEMO_LABEL}`, '--format', '{{.Names}}')).split('\n').filter(Boolean)

/** Whether to create the demo set (true) or photograph the one that exists (false). */
async function preflight(mode: { replace: boolean; reuse: boolean }): Promise<boolean> {
  if (!(await engineReady())) throw new Error('the engine is needed for screenshots')
  const leftovers = await demoNames()
  if (leftovers.length > 0) {
    if (mode.reuse) {
      if (!leftovers.includes('shop-db-1')) throw new Error(`the existing demo set (${leftovers.join(', ')}) has no shop-db-1 for the detail screenshot`)
      console.log(`photographing the existing demo set: ${leftovers.join(', ')}`)
      return false
    }
    if (!mode.replace) throw new Error(`demo containers already exist (${leftovers.join(', ')}); run with --replace to remove them first, or --reuse to photograph them as they are`)
    console.log(`removing earlier demo containers: ${leftovers.join(', ')}`)
    await docker('rm', '-f', ...leftovers)
  }
  const taken = (await docker('ps', '-a', '--format', '{{.Names}}')).split('\n').filter((n) => DEMOS.some((d) => d.name === n))
  if (taken.length > 0) throw new Error(`container names in use by containers that are not demos: ${taken.join(', ')}`)
  const published = await docker('ps', '--format', '{{.Ports}}')
  const busy = PORTS.filter((p) => new RegExp(`:${p}->`).test(published))
  if (busy.length > 0) throw new Error(`host ports in use by other containers: ${busy.join(', ')}`)
  const others = (await docker('ps', '-aq')).split('\n').filter(Boolean).length
  if (others > 0) console.warn(`note: ${others} other containers exist on this engine and will show in the screenshots`)
  return true
}

async function createDemos(): Promise<void> {
  for (const d of DEMOS) {
    const labels = ['--label', DEMO_LABEL, '--label', RUN_LABEL]
    const verb = d.state === 'created' ? ['create'] : ['run', '-d']
    await docker(...verb, '--init', '--name', d.name, ...labels, ...d.args, IMAGE, ...(d.cmd ?? ['sleep', '100000']))
    if (d.state === 'paused') await docker('pause', d.name)
  }
  // Wait for what the screenshots should show: a healthy api and a finished job.
  await until(async () => (await docker('inspect', '--format', '{{.State.Health.Status}}', 'shop-api-1')) === 'healthy', 'shop-api-1 to become healthy')
  await until(async () => (await docker('inspect', '--format', '{{.State.Status}}', 'nightly-report')) === 'exited', 'nightly-report to exit')
}

async function removeDemos(): Promise<void> {
  const ids = (await docker('ps', '-aq', '--filter', `label=${RUN_LABEL}`)).split('\n').filter(Boolean)
  if (ids.length > 0) await docker('rm', '-f', ...ids)
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** The containers screen with every demo row drawn and fonts loaded. */
async function listReady(page: Page): Promise<void> {
  await page.getByRole('table').waitFor()
  const names = await demoNames()
  await page.waitForFunction((wanted) => {
    const rows = [...document.querySelectorAll('[role=table] [role=row]')].map((r) => r.textContent ?? '')
    return wanted.every((n) => rows.some((text) => text.includes(n)))
  }, names)
  await settle(page)
}

/** The list's CPU column filled for the running demos (figures come a second or two after the rows). */
async function statsShown(page: Page): Promise<void> {
  const running = (await docker('ps', '--filter', `label=${DEMO_LABEL}`, '--filter', 'status=running', '-q')).split('\n').filter(Boolean).length
  await page.waitForFunction((n) => [...document.querySelectorAll('[role=cell][data-column=cpu]')].filter((c) => (c.textContent ?? '').includes('%')).length >= n, running)
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  await page.mouse.move(0, VIEWPORT.height - 1)
  // Two frames, so the last patch is painted.
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))))
}

async function shoot(page: Page, file: string): Promise<void> {
  const path = join(OUT_DIR, file)
  await page.screenshot({ path })
  console.log(`wrote ${path}`)
}

const SHOT_GROUPS = [
  'containers',
  'detail',
  'settings',
  'logs',
  'stats',
  'overview',
  'terminal',
  'disconnected',
  'registries',
  'networks',
  'files',
  'disk',
  'volumes',
  'images',
  'image-detail',
  'pull',
  'hub',
  'run',
] as const
type ShotGroup = (typeof SHOT_GROUPS)[number]
type Want = (group: ShotGroup) => boolean

async function capture(browser: Browser, berth: BerthServer, want: Want): Promise<void> {
  const open = (opts: ContextOptions) => openApp(browser, berth, { viewport: VIEWPORT, deviceScaleFactor: 1, ...opts })

  if (want('containers')) {
    for (const locale of ['en-US', 'ko-KR'] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { context, page } = await open({ locale, colorScheme })
        await listReady(page)
        await statsShown(page)
        await shoot(page, `containers-${colorScheme}-${locale.slice(0, 2)}.png`)
        await context.close()
      }
    }
  }

  if (want('detail') || want('settings')) {
    const { context, page } = await open({ locale: 'en-US', colorScheme: 'light' })
    await listReady(page)
    if (want('detail')) {
      await page.getByRole('link', { name: 'Open shop-db-1', exact: true }).click()
      await page.getByRole('region', { name: 'Summary' }).waitFor()
      await settle(page)
      await shoot(page, 'container-detail.png')
    }
    if (want('settings')) {
      await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Settings' }).click()
      await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor()
      await page.getByRole('list', { name: 'Engines' }).getByRole('listitem').first().waitFor()
      await settle(page)
      await shoot(page, 'settings.png')
    }
    await context.close()
  }
  if (want('logs')) await captureLogs(open)
  if (want('stats')) await captureStats(open)
  if (want('overview')) await captureOverview(open)
  if (want('terminal')) await captureTerminal(open)
  if (want('registries')) await captureRegistries(open, berth)
  if (want('images') || want('image-detail') || want('pull')) await captureImages(open, { list: want('images'), detail: want('image-detail'), pull: want('pull') })
  if (want('networks')) await captureNetworks(open)
  if (want('files')) await captureFiles(open)
  if (want('disk')) await captureDisk(open)
  if (want('volumes')) await captureVolumes(open)
  if (want('hub')) await captureHub(browser)
  if (want('run')) await captureRun(open)
}

/** The Terminal tab: coloured `ls`, ANSI colours and Korean text in a shell, light and dark. */
async function captureTerminal(open: (opts: ContextOptions) => ReturnType<typeof openApp>): Promise<void> {
  const lines = [
    `printf '\\033[1;32m✔ build passed\\033[0m  \\033[33m⚠ 2 warnings\\033[0m  \\033[31m✘ 0 errors\\033[0m  \\033[7m inverse \\033[0m\\n'`,
    'echo "안녕하세요, Berth 터미널입니다"',
    'ls --color=always -l / | head -9',
    'stty size',
  ]
  for (const colorScheme of ['light', 'dark'] as const) {
    const { context, page } = await open({ locale: 'en-US', colorScheme })
    await listReady(page)
    await page.getByRole('link', { name: 'Open shop-api-1', exact: true }).click()
    await page.getByRole('tab', { name: 'Terminal' }).click()
    const term = page.getByRole('group', { name: '1 · sh', exact: true })
    await term.waitFor()
    await page.waitForTimeout(500)
    await term.click()
    for (const line of lines) {
      await page.keyboard.type(line)
      await page.keyboard.press('Enter')
    }
    await page.getByRole('button', { name: 'New terminal' }).click()
    await page.getByRole('tab', { name: '2 · sh' }).waitFor()
    await page.getByRole('tab', { name: '1 · sh' }).click()
    await page.waitForTimeout(500)
    await settle(page)
    await shoot(page, `terminal-${colorScheme}.png`)
    await context.close()
  }
}

/** The Stats tab of the CPU-bursting demo, with most of the minute window drawn, light and dark. */
async function captureStats(open: (opts: ContextOptions) => ReturnType<typeof openApp>): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    const { context, page } = await open({ locale: 'en-US', colorScheme })
    await listReady(page)
    await page.getByRole('link', { name: 'Open image-resizer', exact: true }).click()
    await page.getByRole('tab', { name: 'Stats' }).click()
    const cpu = page.getByRole('figure', { name: 'CPU', exact: true })
    await cpu.waitFor()
    await until(async () => Number(await cpu.getAttribute('data-points')) >= 50, 'a minute of stats for image-resizer', 90_000)
    await settle(page)
    await shoot(page, `stats-${colorScheme}.png`)
    await context.close()
  }
}

/** The Overview: the engine against its host, and the top consumers, light and dark. */
async function captureOverview(open: (opts: ContextOptions) => ReturnType<typeof openApp>): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    const { context, page } = await open({ locale: 'en-US', colorScheme })
    await listReady(page)
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Overview' }).click()
    // Every running demo ranked: CPU needs a second sample, so the first second lists few.
    const ranked = (list: string) => page.getByRole('list', { name: list }).getByRole('link')
    await until(async () => (await ranked('Top by CPU').count()) >= 4 && (await ranked('Top by memory').count()) >= 4, 'the overview to rank the running demos')
    await page.getByRole('list', { name: 'Top by CPU' }).getByRole('link', { name: 'Open image-resizer' }).waitFor()
    await settle(page)
    await shoot(page, `overview-${colorScheme}.png`)
    await context.close()
  }
}

/** The Logs tab with a search going, and several containers' logs merged. */
async function captureLogs(open: (opts: ContextOptions) => ReturnType<typeof openApp>): Promise<void> {
  {
    const { context, page } = await open({ locale: 'en-US', colorScheme: 'light' })
    await listReady(page)
    await page.getByRole('link', { name: 'Open shop-api-1', exact: true }).click()
    await page.getByRole('tab', { name: 'Logs' }).click()
    // The view follows the end, and only the rows on screen are in the DOM: wait for a late line.
    await page.getByRole('log').getByText('GET /api/orders/').first().waitFor()
    await page.getByRole('searchbox', { name: 'Search logs' }).fill('orders')
    await page.getByTestId('log-match-count').filter({ hasText: / of / }).waitFor()
    await page.getByRole('searchbox', { name: 'Search logs' }).press('Enter')
    await page.getByRole('searchbox', { name: 'Search logs' }).press('Enter')
    await page.getByRole('searchbox', { name: 'Search logs' }).press('Enter')
    await settle(page)
    await shoot(page, 'logs-search-light.png')
    await context.close()
  }
  const { context, page } = await open({ locale: 'en-US', colorScheme: 'dark' })
  await listReady(page)
  for (const name of ['shop-api-1', 'web-frontend']) await page.getByRole('checkbox', { name: `Select ${name}`, exact: true }).check()
  await page.getByRole('toolbar', { name: '2 selected' }).getByRole('button', { name: 'Logs' }).click()
  // Following: the newest lines of both are in view.
  await page.getByRole('log').getByText('(580ms)').waitFor()
  await page.getByRole('log').getByText('GET /orders/1030').waitFor()
  await settle(page)
  await shoot(page, 'logs-merged-dark.png')
  await context.close()
}

/** Berth through a proxy socket, which is then cut: the engine-lost banner. */
async function captureDisconnected(browser: Browser, berth: BerthServer, proxy: EngineProxy): Promise<void> {
  const { context, page } = await openApp(browser, berth, { viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'en-US', colorScheme: 'light' })
  await listReady(page)
  await proxy.cut()
  await page.getByRole('alert').filter({ hasText: 'The engine is not reachable' }).getByRole('button', { name: 'Retry now' }).waitFor()
  await settle(page)
  await shoot(page, 'disconnected.png')
  await proxy.restore()
  await context.close()
}

async function main(): Promise<void> {
  const { values: flags } = parseArgs({
    options: { replace: { type: 'boolean', default: false }, reuse: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false }, only: { type: 'string' } },
  })
  if (flags.replace && flags.reuse) throw new Error('--replace and --reuse exclude each other')
  const only =
    flags.only
      ?.split(',')
      .map((g) => g.trim())
      .filter(Boolean) ?? null
  const unknown = only?.filter((g) => !(SHOT_GROUPS as readonly string[]).includes(g)) ?? []
  if (unknown.length > 0) throw new Error(`unknown --only groups: ${unknown.join(', ')} (known: ${SHOT_GROUPS.join(', ')})`)
  const want: Want = (group) => only === null || only.includes(group)
  const create = await preflight(flags)
  mkdirSync(OUT_DIR, { recursive: true })
  let proxy: EngineProxy | null = null
  const servers: BerthServer[] = []
  let browser: Browser | null = null
  try {
    if (create) await createDemos()
    browser = await launchBrowser()
    // The engine as Berth finds it, so the status bar and Settings show what a user sees.
    const berth = await startBerth()
    servers.push(berth)
    await capture(browser, berth, want)
    if (want('disconnected')) {
      proxy = await startEngineProxy()
      const proxied = await startBerth({ engineUrl: proxy.url })
      servers.push(proxied)
      await captureDisconnected(browser, proxied, proxy)
    }
  } finally {
    await browser?.close()
    for (const s of servers) await s.close()
    await proxy?.close()
    // Only what this run created; a reused set belongs to whoever made it.
    if (!flags.keep) await removeDemos()
  }
}

main().catch((err: unknown) => {
  console.error(`screenshots: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
})
