// Idle CPU: browser mode as its own process with a page open on 50 running containers, no
// interaction. Measures main's CPU time over a window from /proc; references in the same window:
// the page's Chromium renderer and dockerd.
//
//   npx tsx bench/idle-cpu.ts                 (BENCH_IDLE_SECONDS=30, BENCH_RUNNING=50 by default)
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { openPage, readCount, waitFor } from './lib/browser'
import { benchLabels, log, round, runBench, sleep, type Metric } from './lib/common'
import { createContainers, docker, engineUrl, removeLabelled, startContainers } from './lib/engine'
import { CLK_TCK, cmdline, cpuTicks, descendants, pidOf } from './lib/proc'

const NAME = 'idle-cpu'
const RUNNING = Number(process.env.BENCH_RUNNING ?? 50)
const WINDOW_S = Number(process.env.BENCH_IDLE_SECONDS ?? 30)
const SETTLE_MS = 3000
const BUDGET_PCT = 1
const WEB_JS = resolve(__dirname, '../out/main/web.js')

void runBench(NAME, async (addCleanup) => {
  const { id, labels } = benchLabels('idle')
  addCleanup(async () => log(NAME, `removed ${await removeLabelled(id)} containers`))
  log(NAME, `starting ${RUNNING} containers (${id})`)
  const t = performance.now()
  const names = Array.from({ length: RUNNING }, (_, i) => `berth-bench-${id}-${String(i).padStart(2, '0')}`)
  await startContainers(await createContainers(names, labels, ['sleep', '100000']))
  log(NAME, `started in ${round((performance.now() - t) / 1000)} s`)

  // Browser mode exactly as a person starts it, in its own process with its own config dir.
  const configDir = mkdtempSync(join(tmpdir(), 'berth-bench-config-'))
  addCleanup(() => rmSync(configDir, { recursive: true, force: true }))
  const web = spawn(process.execPath, [WEB_JS, '--no-open', '--port', '0', '--engine', engineUrl()], {
    env: { ...process.env, BERTH_CONFIG_DIR: configDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  addCleanup(() => {
    if (web.exitCode === null) web.kill('SIGTERM')
  })
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error('browser mode did not print its URL within 15 s')), 15000)
    web.once('exit', (code) => reject(new Error(`browser mode exited early (${code})`)))
    createInterface({ input: web.stdout! }).on('line', (line) => {
      const m = /running at (\S+)/.exec(line)
      if (m) {
        clearTimeout(timer)
        resolveUrl(m[1]!)
      }
    })
  })
  const mainPid = web.pid!

  const { browser, page } = await openPage()
  addCleanup(() => browser.close())
  await page.goto(url)
  await waitFor(page, `(() => { const m = /(\\d+)\\D+(\\d+)/.exec(document.querySelector('[data-testid="container-count"]')?.textContent ?? ''); return m && m[1] === m[2] && Number(m[2]) >= ${RUNNING} && document.querySelector('[role=row] a[aria-label^="Open "]') })()`, 30000)
  const count = await readCount(page)
  log(NAME, `page shows ${count?.shown} of ${count?.total}; settling ${SETTLE_MS / 1000} s, then measuring ${WINDOW_S} s`)
  await sleep(SETTLE_MS)

  // Chromium runs as this process's child.
  const chromiumPids = descendants(process.pid).filter((p) => p !== mainPid && /chrom/i.test(cmdline(p).split(' ')[0] ?? ''))
  // Of the renderer processes (Chromium keeps a spare one), the page's is the one that has worked:
  // it loaded and rendered the app.
  const renderers = chromiumPids.filter((p) => cmdline(p).includes('--type=renderer')).sort((a, b) => (cpuTicks(b) ?? 0) - (cpuTicks(a) ?? 0))
  const rendererPids = renderers.slice(0, 1)
  const dockerdPid = pidOf('dockerd')
  const groups: Record<string, number[]> = {
    main: [mainPid],
    renderer: rendererPids,
    chromium: chromiumPids,
    dockerd: dockerdPid ? [dockerdPid] : [],
  }
  const ticks = (pids: number[]) => pids.reduce((sum, p) => sum + (cpuTicks(p) ?? 0), 0)

  // Other processes on this machine may use the engine meanwhile; their events reach Berth too.
  // Count them, and sample each second so the seconds without any event can be told apart.
  const eventTimes: number[] = []
  const events = (await docker.getEvents({})) as NodeJS.ReadableStream & { destroy(): void }
  addCleanup(() => events.destroy())
  events.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) eventTimes.push(performance.now())
  })
  const before = Object.fromEntries(Object.entries(groups).map(([k, pids]) => [k, ticks(pids)]))
  const started = performance.now()
  const samples: { at: number; main: number; renderer: number }[] = [{ at: started, main: before.main!, renderer: before.renderer! }]
  while (performance.now() - started < WINDOW_S * 1000) {
    await sleep(Math.min(1000, WINDOW_S * 1000 - (performance.now() - started)))
    samples.push({ at: performance.now(), main: ticks(groups.main!), renderer: ticks(groups.renderer!) })
  }
  const elapsedS = (performance.now() - started) / 1000
  // A quiet second: no engine event in it nor in the second before (a batch's work may spill over).
  const quiet = samples.slice(1).filter((s, i) => !eventTimes.some((t) => t > samples[i]!.at - 1000 && t <= s.at))
  const quietPct = (k: 'main' | 'renderer') => {
    const seconds = quiet.reduce((sum, s) => sum + (s.at - samples[samples.indexOf(s) - 1]!.at) / 1000, 0)
    const used = quiet.reduce((sum, s) => sum + s[k] - samples[samples.indexOf(s) - 1]![k], 0)
    return seconds > 0 ? round((used / CLK_TCK / seconds) * 100, 2) : null
  }
  const eventsInWindow = eventTimes.filter((t) => t >= started).length
  const pct = (k: string) => (groups[k]!.length ? round(((ticks(groups[k]!) - before[k]!) / CLK_TCK / elapsedS) * 100, 2) : null)
  const main = pct('main')
  const dockerd = pct('dockerd')
  if (web.exitCode !== null) throw new Error(`browser mode exited during the window (${web.exitCode})`)

  const metrics: Metric[] = [
    { label: `Idle main process (browser mode, ${count?.total ?? '?'} containers listed, ${RUNNING} running) CPU`, value: main, unit: '%', budget: BUDGET_PCT },
    { label: `Chromium renderer for the page (the busiest of ${renderers.length} renderer processes) CPU`, value: pct('renderer'), unit: '%', reference: true },
    { label: `All Chromium processes (${chromiumPids.length}) CPU`, value: pct('chromium'), unit: '%', reference: true },
    { label: 'dockerd CPU, same window', value: dockerd, unit: '%', reference: true },
    { label: 'Main ÷ dockerd', value: main !== null && dockerd ? round(main / dockerd, 2) : null, unit: 'x' },
    { label: 'Engine events during the window (other processes on this machine)', value: eventsInWindow, unit: 'count' },
    { label: `Main CPU in the ${quiet.length} s without engine events`, value: quietPct('main'), unit: '%', budget: BUDGET_PCT },
    { label: `Renderer CPU in the ${quiet.length} s without engine events`, value: quietPct('renderer'), unit: '%', reference: true },
  ]
  return {
    title: 'Idle CPU',
    metrics,
    notes: [
      `% of one core over ${round(elapsedS)} s with no interaction, from utime+stime in /proc/<pid>/stat (CLK_TCK ${CLK_TCK}, so one tick is ${round((100 / CLK_TCK / elapsedS), 3)} % over the window), after the list rendered and ${SETTLE_MS / 1000} s of settling.`,
      `Main: \`node out/main/web.js --no-open --port 0\` as its own process; the page is open in headless Chromium.`,
    ],
  }
})
