// Idle CPU: browser mode as its own process with a page open, no interaction. Measures main's CPU
// time over a window from /proc; references in the same window: the page's Chromium renderer and
// dockerd. Three phases on the same page, one window each:
//   1. the list shown with N running rows: their live CPU/memory cells stream (informational;
//      that stream's cost has its own budget in stats-scale.ts);
//   2. the same page hidden (what a minimised or hidden Electron window reports): idle, budget;
//   3. the page shown again after every container was killed: N listed, none running: idle, budget.
// Between 2 and 3, the reference for phase 1: a bare Node process reading the same stats streams.
//
//   npx tsx bench/idle-cpu.ts                 (BENCH_IDLE_SECONDS=30 per phase, BENCH_RUNNING=50 by default)
import { openPage, readCount, waitFor } from './lib/browser'
import { benchLabels, log, round, runBench, sleep, type Metric } from './lib/common'
import { createContainers, docker, removeLabelled, startContainers } from './lib/engine'
import { CLK_TCK, cmdline, cpuTicks, descendants, pidOf } from './lib/proc'
import { startWebProcess } from './lib/web-process'
import { startBareStatsReader } from './lib/bare-stats-reader'

const NAME = 'idle-cpu'
const RUNNING = Number(process.env.BENCH_RUNNING ?? 50)
const WINDOW_S = Number(process.env.BENCH_IDLE_SECONDS ?? 30)
const SETTLE_MS = 3000
const BUDGET_PCT = 1

void runBench(NAME, async (addCleanup) => {
  const { id, labels } = benchLabels('idle')
  addCleanup(async () => log(NAME, `removed ${await removeLabelled(id)} containers`))
  log(NAME, `starting ${RUNNING} containers (${id})`)
  const t = performance.now()
  const names = Array.from({ length: RUNNING }, (_, i) => `berth-bench-${id}-${String(i).padStart(2, '0')}`)
  await startContainers(await createContainers(names, labels, ['sleep', '100000']))
  log(NAME, `started in ${round((performance.now() - t) / 1000)} s`)

  const web = await startWebProcess()
  addCleanup(() => web.close())
  const url = web.url
  const mainPid = web.pid

  const { browser, page } = await openPage()
  addCleanup(() => browser.close())
  await page.goto(url)
  await waitFor(
    page,
    `(() => { const m = /(\\d+)\\D+(\\d+)/.exec(document.querySelector('[data-testid="container-count"]')?.textContent ?? ''); return m && m[1] === m[2] && Number(m[2]) >= ${RUNNING} && document.querySelector('[role=row] a[aria-label^="Open "]') })()`,
    30000,
  )
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

  async function measure() {
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
    const pct = (k: string) => (groups[k]!.length ? round(((ticks(groups[k]!) - before[k]!) / CLK_TCK / elapsedS) * 100, 2) : null)
    if (web.process.exitCode !== null) throw new Error(`browser mode exited during the window (${web.process.exitCode})`)
    return {
      elapsedS,
      main: pct('main'),
      renderer: pct('renderer'),
      chromium: pct('chromium'),
      dockerd: pct('dockerd'),
      events: eventTimes.filter((t) => t >= started).length,
      quietSeconds: quiet.length,
      quietMain: quietPct('main'),
      quietRenderer: quietPct('renderer'),
    }
  }

  // What the page would see from a minimised or hidden window. Headless Chromium keeps its page
  // 'visible' whatever its window does (minimising through CDP changes nothing), so the page is
  // told the way the browser tells it: document.visibilityState and a visibilitychange event.
  // (A string, not a function: tsx's helpers do not exist in the page.)
  const setHidden = (hidden: boolean) =>
    page.evaluate(`(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => ${hidden ? "'hidden'" : "'visible'"} })
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => ${hidden} })
      document.dispatchEvent(new Event('visibilitychange'))
    })()`)

  const running = count?.total ?? '?'
  log(NAME, `phase 1: list shown, ${RUNNING} running rows streaming live stats`)
  const shown = await measure()
  // The running rows in the DOM are the ones whose cells stream (visible rows and overscan).
  const streamed = (await page.evaluate(
    `[...document.querySelectorAll('[role=row]')].filter((r) => /running/i.test(r.querySelector('.cell.state')?.textContent ?? '')).map((r) => r.querySelector('a[aria-label^="Open "]')?.textContent?.trim() ?? '').filter(Boolean)`,
  )) as string[]
  await setHidden(true)
  await sleep(SETTLE_MS)
  log(NAME, 'phase 2: page hidden')
  const hidden = await measure()

  // Reference for phase 1, with Berth's streams closed (page hidden): what a bare Node process
  // spends reading the same engine stats streams and parsing every document.
  log(NAME, `reference: a bare reader of the ${streamed.length} streams phase 1 showed`)
  const reader = startBareStatsReader(streamed)
  await sleep(SETTLE_MS)
  const readerBefore = cpuTicks(reader.pid) ?? 0
  const readerStarted = performance.now()
  await sleep(WINDOW_S * 1000)
  const readerTicks = (cpuTicks(reader.pid) ?? 0) - readerBefore
  const readerS = (performance.now() - readerStarted) / 1000
  const readerDocs = await reader.stop()
  const bareReader = round((readerTicks / CLK_TCK / readerS) * 100, 2)
  log(NAME, `killing the ${RUNNING} containers`)
  const kills = await Promise.allSettled(names.map((n) => docker.getContainer(n).kill()))
  const refused = kills.filter((k) => k.status === 'rejected')
  if (refused.length) throw new Error(`the engine refused ${refused.length} kills: ${String((refused[0] as PromiseRejectedResult).reason)}`)
  await setHidden(false)
  // Every row of ours on screen says it is no longer running (the list may sort them out of view).
  const ourRunningRows = `[...document.querySelectorAll('[role=row]')].filter((r) => r.querySelector('a[aria-label^="Open berth-bench-${id}"]') && /running/i.test(r.querySelector('.cell.state')?.textContent ?? '')).length`
  let staleRows = 0
  try {
    await waitFor(page, `${ourRunningRows} === 0`, 10000)
  } catch {
    // Seen with 50 kills at once: main re-read some rows while the engine's list still said
    // running, and those rows stay wrong until their container's next event. Say so, and start
    // phase 3 from a fresh list.
    staleRows = (await page.evaluate(ourRunningRows)) as number
    log(NAME, `${staleRows} killed containers still shown as running after 10 s; reloading the page`)
    await page.reload()
    await waitFor(page, `!!document.querySelector('[role=row] a[aria-label^="Open "]') && ${ourRunningRows} === 0`, 30000)
  }
  await sleep(SETTLE_MS)
  log(NAME, `phase 3: page shown, ${RUNNING} listed, none running`)
  const stopped = await measure()

  const phaseMetrics = (m: Awaited<ReturnType<typeof measure>>, what: string, budget: boolean): Metric[] => [
    { label: `${what}: main process CPU`, value: m.main, unit: '%', ...(budget ? { budget: BUDGET_PCT } : {}) },
    { label: `${what}: main CPU in the ${m.quietSeconds} s without engine events`, value: m.quietMain, unit: '%', ...(budget ? { budget: BUDGET_PCT } : {}) },
    { label: `${what}: Chromium renderer for the page (the busiest of ${renderers.length} renderer processes) CPU`, value: m.renderer, unit: '%', reference: true },
    { label: `${what}: all Chromium processes (${chromiumPids.length}) CPU`, value: m.chromium, unit: '%', reference: true },
    { label: `${what}: dockerd CPU, same window`, value: m.dockerd, unit: '%', reference: true },
    { label: `${what}: engine events during the window (other processes on this machine)`, value: m.events, unit: 'count' },
  ]
  const metrics: Metric[] = [
    ...phaseMetrics(hidden, `Idle: page hidden (${running} containers listed, ${RUNNING} running)`, true),
    ...phaseMetrics(stopped, `Idle: page shown, ${running} containers listed, none running`, true),
    { label: 'Killed containers still shown as running 10 s after the kills (page reloaded before phase 3 if any)', value: staleRows, unit: 'count' },
    ...phaseMetrics(shown, `Not idle, informational: list shown with ${RUNNING} running rows (those on screen stream live CPU/memory)`, false),
    {
      label: `Reference for the list with live stats: a bare Node reader of the same ${streamed.length} engine stats streams (parse each document, nothing else): CPU`,
      value: bareReader,
      unit: '%',
      reference: true,
      note: `${readerDocs} documents`,
    },
    { label: 'List with live stats: Berth main ÷ the bare reader', value: bareReader > 0 && shown.main !== null ? round(shown.main / bareReader, 2) : null, unit: 'x' },
  ]
  const elapsedS = shown.elapsedS
  return {
    title: 'Idle CPU',
    metrics,
    notes: [
      `% of one core over ${round(elapsedS)} s with no interaction, from utime+stime in /proc/<pid>/stat (CLK_TCK ${CLK_TCK}, so one tick is ${round(100 / CLK_TCK / elapsedS, 3)} % over the window), after the list rendered and ${SETTLE_MS / 1000} s of settling.`,
      `Main: \`node out/main/web.js --no-open --port 0\` as its own process; the page is open in headless Chromium.`,
      `Phases in this order, ${SETTLE_MS / 1000} s of settling before each: list shown with ${RUNNING} running (the running rows on screen stream live CPU/memory: not idle; that cost's budget is the stats-at-scale bench), then the page hidden (document.visibilityState 'hidden' and a visibilitychange event, as a minimised or hidden window reports; headless Chromium does not change it when its window is minimised), then, with the page still hidden, the bare reader of the streams phase 1 had (the running rows in the DOM: visible ones and the virtual list's overscan) for the same window, then every container killed and the page shown again.`,
    ],
  }
})
