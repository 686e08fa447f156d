// The Logs tab in the page (browser mode, headless Chromium, real engine):
//  1. first line on screen after opening the tab (a container with a few thousand lines),
//     vs `docker logs --tail 1000 CONTAINER` in the same run;
//  2. search: typing a query → the final match count shown, over the largest buffer the view
//     holds (its cap), and over 1,000,000 lines with the view's own search library in Node;
//  3. flood: a container printing numbered lines as fast as it can for 30 s while followed —
//     long tasks, renderer and main heap, lines received vs held. Twice.
//
//   npx tsx bench/logs-view.ts   (BENCH_LOGS_OPENINGS=10, BENCH_SEARCH_LINES=1000000, BENCH_FLOOD_SECONDS=30)
import { spawn } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { CDPSession, Page } from 'playwright-core'
import { lineEntry, type LogEntry } from '../src-renderer/features/logs/log-entry'
import { compileSearch, findRanges, LogSearch, type SearchQuery } from '../src-renderer/features/logs/log-search'
import { DEFAULT_LOG_CAP, LogLineStore } from '../src-renderer/features/logs/log-store'
import { TAIL_CHOICES } from '../src-renderer/features/logs/log-view-options'
import { startBerth } from './lib/berth'
import { openPage, waitFor } from './lib/browser'
import { benchLabels, log, round, runBench, sleep, summarize, type Metric } from './lib/common'
import { docker, engineVersion, IMAGE, removeLabelled } from './lib/engine'

const NAME = 'logs-view'
const HISTORY = 5000
const OPENINGS = Number(process.env.BENCH_LOGS_OPENINGS ?? 10)
const SEARCH_LINES = Number(process.env.BENCH_SEARCH_LINES ?? 1_000_000)
const SEARCH_ROUNDS = 5
const FLOOD_S = Number(process.env.BENCH_FLOOD_SECONDS ?? 30)
const FLOODS = Number(process.env.BENCH_FLOODS ?? 2)
const BUDGET_FIRST_MS = 300
const BUDGET_SEARCH_MS = 200
const ROW_PX = 20
const MIB = 1024 * 1024

const QUERIES: SearchQuery[] = [
  { text: '99', regex: false, caseSensitive: false },
  { text: '^9\\d*7$', regex: true, caseSensitive: false },
]
const describeQuery = (q: SearchQuery) => (q.regex ? `regex \`${q.text}\`` : `text "${q.text}"`)

// A forced GC in this process (main runs here), without --expose-gc on the command line.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

// Before any page script: long tasks (buffered), and the click that opens a tab.
const INIT = `(() => {
  window.__benchLongTasks = []
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__benchLongTasks.push([e.startTime, e.duration])
    }).observe({ type: 'longtask', buffered: true })
  } catch {}
  addEventListener('click', (e) => { if (e.target instanceof Element && e.target.closest('[role=tab]')) window.__benchClick = e.timeStamp }, true)
  addEventListener('input', (e) => { if (e.target instanceof HTMLInputElement && e.target.type === 'search') window.__benchInput = e.timeStamp }, true)
})()`

// Arms an observer: the first log row in the DOM, and the row showing `last` (the newest line).
const ARM_FIRST_ROW = (last: string) => `(() => {
  window.__benchClick = undefined; window.__benchFirstRow = undefined; window.__benchLastRow = undefined
  const check = () => {
    const rows = document.querySelectorAll('[role=log] .row')
    if (rows.length === 0) return
    const at = performance.now()
    window.__benchFirstRow ??= at
    if ([...rows].some((r) => r.querySelector('.text')?.textContent === ${JSON.stringify(last)})) {
      window.__benchLastRow = at
      obs.disconnect()
    }
  }
  const obs = new MutationObserver(check)
  obs.observe(document.body, { subtree: true, childList: true, characterData: true })
})()`

// Arms an observer on the match count: the first count shown, and the moment it reads `want`.
const ARM_COUNT = (want: string) => `(() => {
  window.__benchInput = undefined; window.__benchCountFirst = undefined; window.__benchCountDone = undefined
  const el = document.querySelector('[data-testid="log-match-count"]')
  const obs = new MutationObserver(() => {
    const text = el.textContent.trim()
    const at = performance.now()
    if (/^\\d+ of \\d+$/.test(text)) window.__benchCountFirst ??= at
    if (text === ${JSON.stringify(want)}) { window.__benchCountDone = at; obs.disconnect() }
  })
  obs.observe(el, { subtree: true, childList: true, characterData: true })
})()`

function dockerLogsTail(container: string, tail: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const devNull = openSync('/dev/null', 'w')
    const t = performance.now()
    const child = spawn('docker', ['logs', '--tail', String(tail), container], { stdio: ['ignore', devNull, devNull] })
    child.on('error', reject)
    child.on('exit', (code) => {
      closeSync(devNull)
      if (code === 0) resolve(performance.now() - t)
      else reject(new Error(`docker logs exited with ${code}`))
    })
  })
}

/** Match ranges (what the count counts) of a query over lines from..to (the numbers seq printed). */
function expectedMatches(q: SearchQuery, from: number, to: number): { matches: number; lines: number } {
  const c = compileSearch(q)
  if (!c.ok || !c.re) throw new Error(`bad query ${q.text}`)
  let matches = 0
  let lines = 0
  for (let n = from; n <= to; n++) {
    const r = findRanges(String(n), c.re).length
    matches += r
    if (r) lines++
  }
  return { matches, lines }
}

/** The view's search library over `n` lines in Node: as the view runs it (5 ms slices, yielding), and one synchronous pass. */
async function searchInNode(q: SearchQuery, n: number): Promise<{ sliced: number; sync: number; total: number }> {
  const buffer = new LogLineStore(n)
  const batch: LogEntry[] = []
  for (let i = 1; i <= n; i++) {
    batch.push(lineEntry({ time: '2026-11-23T10:00:00.000000000Z', ms: 1_763_892_000_000, stream: 'stdout', text: String(i) }, 0))
    if (batch.length === 10_000) buffer.append(batch.splice(0))
  }
  buffer.append(batch)
  const c = compileSearch(q)
  if (!c.ok || !c.re) throw new Error(`bad query ${q.text}`)
  const re = c.re
  const sliced = await new Promise<{ ms: number; total: number }>((resolve) => {
    let search: LogSearch<LogEntry> | null = null
    const t = performance.now()
    search = new LogSearch(
      buffer,
      (l) => l.plain,
      () => {
        if (search && !search.running && search.total > 0) resolve({ ms: performance.now() - t, total: search.total })
      },
    )
    search.setPattern(re)
  })
  const t = performance.now()
  let total = 0
  buffer.forEachId(buffer.firstId, buffer.nextId, (l) => (total += findRanges(l.plain, re).length))
  const sync = performance.now() - t
  if (total !== sliced.total) throw new Error(`search counted ${sliced.total}, a plain pass ${total}`)
  return { sliced: sliced.ms, sync, total }
}

async function rendererHeap(cdp: CDPSession, collect: boolean): Promise<number> {
  if (collect) await cdp.send('HeapProfiler.collectGarbage')
  const h = await cdp.send('Runtime.getHeapUsage')
  return h.usedSize / MIB
}
function mainHeap(): number {
  gc()
  return process.memoryUsage().heapUsed / MIB
}

async function lastRowText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const rows = [...document.querySelectorAll('[role=log] .row .text')]
    return rows[rows.length - 1]?.textContent ?? ''
  })
}

void runBench(NAME, async (addCleanup) => {
  const { id, labels } = benchLabels('logview')
  addCleanup(async () => log(NAME, `removed ${await removeLabelled(id)} containers`))
  const create = (part: string, cmd: string[]) => docker.createContainer({ Image: IMAGE, name: `berth-bench-${id}-${part}`, Cmd: cmd, Labels: labels, HostConfig: { NetworkMode: 'none' } })

  const history = await create('history', ['sh', '-c', `seq 1 ${HISTORY}; exec sleep 100000`])
  await history.start()
  const big = await create('million', ['seq', '1', String(SEARCH_LINES)])
  let t = performance.now()
  await big.start()
  await big.wait()
  log(NAME, `container printed ${SEARCH_LINES} lines in ${round((performance.now() - t) / 1000)} s`)

  const berth = await startBerth()
  addCleanup(() => berth.close())
  const { browser, page } = await openPage()
  addCleanup(() => browser.close())
  await page.addInitScript(INIT)
  const cdp = await page.context().newCDPSession(page)
  await page.goto(berth.server.url)
  await page.getByRole('searchbox', { name: 'Search containers' }).waitFor({ timeout: 30000 })
  const base = berth.server.url.replace(/[?#].*$/, '')
  const logRegion = page.getByRole('log', { name: 'Log lines' })

  // ---- 1. first line on screen ------------------------------------------------------------------
  const detail = `${base}#/containers/${history.id}`
  await page.goto(detail)
  await page.getByRole('tab', { name: 'Logs' }).waitFor()
  const first: number[] = []
  const lastLine: number[] = []
  for (let i = 0; i < OPENINGS; i++) {
    await page.getByRole('tab', { name: 'Inspect' }).click()
    await logRegion.waitFor({ state: 'detached' })
    await page.evaluate(ARM_FIRST_ROW(String(HISTORY)))
    await page.getByRole('tab', { name: 'Logs' }).click()
    await waitFor(page, 'window.__benchLastRow !== undefined', 15000)
    const r = (await page.evaluate('({ click: window.__benchClick, first: window.__benchFirstRow, last: window.__benchLastRow })')) as { click: number; first: number; last: number }
    first.push(r.first - r.click)
    lastLine.push(r.last - r.click)
    log(NAME, `opening ${i + 1}: first row ${round(r.first - r.click)} ms, line ${HISTORY} ${round(r.last - r.click)} ms`)
  }
  const cli: number[] = []
  for (let i = 0; i < OPENINGS; i++) cli.push(await dockerLogsTail(history.id, 1000))
  await history.remove({ force: true })
  const firstS = summarize(first)
  const lastS = summarize(lastLine)
  const cliS = summarize(cli)

  // ---- 2. search ----------------------------------------------------------------------------------
  const largestTail = [...TAIL_CHOICES]
    .filter((c) => c !== 'all')
    .map(Number)
    .sort((a, b) => b - a)[0]!
  const held = Math.min(largestTail, DEFAULT_LOG_CAP)
  await page.goto(`${base}#/containers/${big.id}?tab=logs`)
  await logRegion.waitFor()
  await page.getByRole('combobox', { name: 'Last lines' }).selectOption(String(largestTail))
  t = performance.now()
  await page.getByRole('button', { name: 'Apply' }).click()
  await waitFor(page, `(document.querySelector('[role=log] .sizer')?.offsetHeight ?? 0) >= ${held * ROW_PX}`, 120000, 50)
  await waitFor(page, `[...document.querySelectorAll('[role=log] .row .text')].some((r) => r.textContent === '${SEARCH_LINES}')`, 30000, 50)
  const loadMs = performance.now() - t
  log(NAME, `the view holds ${held} lines (tail ${largestTail}), loaded in ${round(loadMs)} ms`)
  await sleep(500)
  const box = page.getByRole('searchbox', { name: 'Search logs' })
  const regexToggle = page.getByRole('button', { name: 'Regular expression' })
  const searchRows: Metric[] = []
  const searchNotes: string[] = []
  for (const q of QUERIES) {
    const want = expectedMatches(q, SEARCH_LINES - held + 1, SEARCH_LINES)
    if ((await regexToggle.getAttribute('aria-pressed')) !== String(q.regex)) await regexToggle.click()
    const done: number[] = []
    const firstCount: number[] = []
    for (let i = 0; i < SEARCH_ROUNDS; i++) {
      await box.fill('')
      await waitFor(page, `document.querySelector('[data-testid="log-match-count"]').textContent.trim() === ''`)
      await sleep(200)
      await page.evaluate(ARM_COUNT(want.matches === 0 ? 'No matches' : `1 of ${want.matches}`))
      await box.fill(q.text)
      await waitFor(page, 'window.__benchCountDone !== undefined', 30000)
      const r = (await page.evaluate('({ input: window.__benchInput, first: window.__benchCountFirst, done: window.__benchCountDone })')) as { input: number; first: number; done: number }
      done.push(r.done - r.input)
      firstCount.push(r.first - r.input)
    }
    const d = summarize(done)
    const f = summarize(firstCount)
    log(NAME, `${describeQuery(q)} over ${held} lines in the page: final count ${want.matches} p50 ${round(d.p50)} ms, p95 ${round(d.p95)} ms`)
    const node = await searchInNode(q, SEARCH_LINES)
    const node100k = await searchInNode(q, held)
    log(NAME, `${describeQuery(q)} over ${SEARCH_LINES} lines in Node: ${round(node.sliced)} ms sliced, ${round(node.sync)} ms in one pass (${node.total} matches)`)
    const pct = round((100 * want.lines) / held)
    searchRows.push(
      {
        label: `Search ${describeQuery(q)} over ${held.toLocaleString('en')} lines in the page (the cap): typed → final count shown, p50`,
        value: round(d.p50),
        unit: 'ms',
        note: `${want.matches} matches, ${pct}% of lines`,
      },
      { label: `Search ${describeQuery(q)} over ${held.toLocaleString('en')} lines in the page: typed → final count shown, p95`, value: round(d.p95), unit: 'ms', budget: BUDGET_SEARCH_MS },
      { label: `Search ${describeQuery(q)} in the page: typed → first (partial) count shown, p50`, value: round(f.p50), unit: 'ms' },
      {
        label: `Search ${describeQuery(q)} over ${SEARCH_LINES.toLocaleString('en')} lines, search library in Node (not the page): 5 ms slices as the view runs it`,
        value: round(node.sliced),
        unit: 'ms',
        budget: BUDGET_SEARCH_MS,
        note: `${node.total} matches`,
      },
      {
        label: `Search ${describeQuery(q)} over ${SEARCH_LINES.toLocaleString('en')} lines, in Node: one synchronous pass, no slicing (run after the sliced one)`,
        value: round(node.sync),
        unit: 'ms',
      },
      { label: `Search ${describeQuery(q)} over ${held.toLocaleString('en')} lines, in Node: 5 ms slices (page ÷ this = UI overhead)`, value: round(node100k.sliced), unit: 'ms' },
    )
  }
  await box.fill('')
  searchNotes.push(
    `Search: one container that printed \`seq 1 ${SEARCH_LINES}\`, opened in the Logs tab with "Last lines" ${largestTail} (the largest choice below "All"; "All" holds the same last ${DEFAULT_LOG_CAP.toLocaleString('en')} lines, the buffer's cap), loaded in ${round(loadMs / 1000, 1)} s. ${SEARCH_ROUNDS} rounds per query: clear the box, then \`fill\` the query (one input event); timed from the input event's timeStamp to the count reading "1 of <expected matches>" (MutationObserver).`,
    `The page cannot hold ${SEARCH_LINES.toLocaleString('en')} lines (cap ${DEFAULT_LOG_CAP.toLocaleString('en')}), so the 1M figure runs src-renderer/features/logs/log-search.ts's LogSearch in Node (tsx) over the view's line store (LogLineStore) holding ${SEARCH_LINES.toLocaleString('en')} lines, same slicing (5 ms) and yielding (features/logs/next-task.ts: setImmediate in Node, one MessageChannel in the page), timed to the scan's end.`,
  )
  await big.remove({ force: true })

  // ---- 3. flood -----------------------------------------------------------------------------------
  const floodRows: Metric[] = []
  const floodNotes: string[] = []
  for (let run = 1; run <= FLOODS; run++) {
    // Three seconds of quiet, so the view is open and following before the first line.
    const flood = await create(`flood${run}`, ['sh', '-c', 'sleep 3; i=0; while :; do i=$((i+1)); echo "flood line $i"; done'])
    await flood.start()
    const opened = performance.now()
    await page.goto(`${base}#/containers/${flood.id}?tab=logs`)
    await logRegion.waitFor()
    const rendererStart = await rendererHeap(cdp, true)
    const mainStart = mainHeap()
    await waitFor(page, `document.querySelector('[role=log] .row') !== null`, 15000, 20)
    const floodStart = (await page.evaluate('performance.now()')) as number
    const tStart = performance.now()
    log(NAME, `flood ${run}: first line ${round((tStart - opened) / 1000, 1)} s after start; following for ${FLOOD_S} s`)
    const midHeaps: number[] = []
    while (performance.now() - tStart < FLOOD_S * 1000) {
      await sleep(5000)
      midHeaps.push(await rendererHeap(cdp, false))
    }
    await flood.kill()
    const floodEnd = (await page.evaluate('performance.now()')) as number
    const written = Number(
      /(\d+)\s*$/.exec(
        await new Promise<string>((resolve, reject) => {
          let out = ''
          const child = spawn('docker', ['logs', '--tail', '1', flood.id], { stdio: ['ignore', 'pipe', 'ignore'] })
          child.stdout.on('data', (b: Buffer) => (out += b.toString()))
          child.on('exit', () => resolve(out))
          child.on('error', reject)
        }),
      )?.[1] ?? NaN,
    )
    // Let the view catch up with what the engine logged (bounded).
    const caught = performance.now()
    let last = ''
    while (performance.now() - caught < 60000) {
      last = await lastRowText(page)
      if (last === `flood line ${written}` || /Stopped at/.test(last)) break
      await sleep(250)
    }
    await sleep(1000)
    const drainMs = performance.now() - caught
    const tail = await page.evaluate(
      () =>
        [...document.querySelectorAll('[role=log] .row .text')]
          .map((r) => r.textContent ?? '')
          .reverse()
          .find((s) => s.startsWith('flood line')) ?? '',
    )
    const received = Number(/(\d+)$/.exec(tail)?.[1] ?? NaN)
    const inBuffer = Math.round(((await page.evaluate(`document.querySelector('[role=log] .sizer')?.offsetHeight ?? 0`)) as number) / ROW_PX)
    const trimmed = await page.evaluate(() => document.body.innerText.match(/([\d,]+) older lines? (?:was|were) removed from view/)?.[1] ?? '0')
    const tasks = (await page.evaluate('window.__benchLongTasks')) as [number, number][]
    const during = tasks.filter(([s]) => s >= floodStart && s <= floodEnd).map(([, d]) => d)
    const all = tasks.filter(([s]) => s >= floodStart).map(([, d]) => d)
    const rendererEnd = await rendererHeap(cdp, false)
    const rendererEndGc = await rendererHeap(cdp, true)
    const mainEnd = mainHeap()
    const over200 = during.filter((d) => d > 200).length
    log(
      NAME,
      `flood ${run}: ${written} lines written, ${received} received, ${inBuffer} rows held; long tasks > 200 ms: ${over200}, > 50 ms: ${during.length}, max ${round(Math.max(0, ...during))} ms; renderer heap ${round(rendererStart)} → ${round(rendererEnd)} MiB; main ${round(mainStart)} → ${round(mainEnd)} MiB`,
    )
    const p = `Flood ${run}:`
    floodRows.push(
      { label: `${p} long tasks > 200 ms while following (${FLOOD_S} s)`, value: over200, unit: 'count', budget: 1 },
      { label: `${p} long tasks > 200 ms, including the ${round(drainMs / 1000, 1)} s catching up after the container was killed`, value: all.filter((d) => d > 200).length, unit: 'count' },
      { label: `${p} long tasks > 50 ms while following`, value: during.length, unit: 'count' },
      { label: `${p} longest task while following`, value: round(Math.max(0, ...during)), unit: 'ms' },
      { label: `${p} total long-task time while following`, value: round(during.reduce((a, b) => a + b, 0)), unit: 'ms', note: `of ${FLOOD_S * 1000} ms` },
      { label: `${p} lines written by the container (logged by the engine)`, value: written, unit: 'lines', note: `${Math.round(written / ((floodEnd - floodStart) / 1000))} lines/s` },
      { label: `${p} lines received by the page (newest line number shown)`, value: received, unit: 'lines' },
      { label: `${p} rows held in the view's buffer (cap ${DEFAULT_LOG_CAP.toLocaleString('en')})`, value: inBuffer, unit: 'rows', note: `"${trimmed} older lines were removed from view"` },
      { label: `${p} renderer JS heap used at start (after GC)`, value: round(rendererStart), unit: 'MiB' },
      { label: `${p} renderer JS heap used, highest 5 s sample while following`, value: round(Math.max(...midHeaps)), unit: 'MiB' },
      { label: `${p} renderer JS heap used at end`, value: round(rendererEnd), unit: 'MiB', note: `${round(rendererEndGc)} MiB after GC` },
      { label: `${p} main heap used at start (after GC; bench process, main in-process)`, value: round(mainStart), unit: 'MiB' },
      { label: `${p} main heap used at end (after GC)`, value: round(mainEnd), unit: 'MiB' },
    )
    const big200 = tasks.filter(([st, d]) => st >= floodStart && d > 200)
    floodNotes.push(
      `Flood ${run}: ${Math.round(written / ((floodEnd - floodStart) / 1000))} lines/s written; long tasks over 200 ms at ${big200.length ? big200.map(([st, d]) => `${round((st - floodStart) / 1000, 1)} s (${Math.round(d)} ms)`).join(', ') : 'none'} after the first line; the view caught up ${round(drainMs / 1000, 1)} s after the kill${received === written ? '' : ` (it had ${received} of ${written} lines when the wait ended)`}.`,
    )
    await flood.remove({ force: true })
  }
  floodNotes.unshift(
    `Flood: \`sh -c 'sleep 3; i=0; while :; do i=$((i+1)); echo "flood line $i"; done'\` (busybox), opened in the Logs tab (default "Last lines" 1000, following) during the 3 s of quiet, then followed for ${FLOOD_S} s and killed; run ${FLOODS} times with a fresh container. Long tasks from a PerformanceObserver('longtask') installed before navigation (addInitScript), counted between the first flood line shown and the kill; the budget row passes at 0 ("< 1").`,
    'Lines received: the number of the newest flood line the view shows once it caught up (bounded wait of 60 s). A followed log that falls more than 2 s behind jumps to its newest lines (a marker says where), so the view shows far fewer lines than were written; "older lines removed" counts only lines it held and trimmed. Rows held: the virtual list\'s height ÷ 20 px (every row is 20 px without wrapping). Heaps: renderer from CDP Runtime.getHeapUsage (GC forced with HeapProfiler.collectGarbage where noted); main from process.memoryUsage().heapUsed of this process after a forced GC (it also holds Playwright\'s client).',
  )

  const metrics: Metric[] = [
    { label: `Logs tab opened → first log row in the DOM, p50 (${OPENINGS} openings)`, value: round(firstS.p50), unit: 'ms' },
    { label: 'Logs tab opened → first log row in the DOM, p95', value: round(firstS.p95), unit: 'ms', budget: BUDGET_FIRST_MS },
    { label: 'Logs tab opened → first log row in the DOM, max', value: round(firstS.max), unit: 'ms', note: `first opening ${round(first[0] ?? NaN)} ms` },
    { label: `Logs tab opened → newest line (${HISTORY}) in the DOM, p50`, value: round(lastS.p50), unit: 'ms' },
    { label: `Logs tab opened → newest line in the DOM, p95`, value: round(lastS.p95), unit: 'ms' },
    { label: '`docker logs --tail 1000 CONTAINER > /dev/null`, p50', value: round(cliS.p50), unit: 'ms', reference: true },
    { label: '`docker logs --tail 1000 CONTAINER > /dev/null`, p95', value: round(cliS.p95), unit: 'ms', reference: true },
    { label: 'First row p50 ÷ `docker logs --tail 1000` p50', value: round(firstS.p50 / cliS.p50, 2), unit: 'x' },
    ...searchRows,
    ...floodRows,
  ]
  return {
    title: 'Logs view: first line, search, flood',
    metrics,
    notes: [
      `First line: a running container that printed \`seq 1 ${HISTORY}\`; its detail page open on Inspect; ${OPENINGS} times: click the Inspect tab (the log view unmounts, its subscription closes), then click the Logs tab (default "Last lines" 1000). Timed from the click event's timeStamp to a MutationObserver seeing the first \`[role=log] .row\` (performance.now()). The reference is the CLI reading the same 1000 lines, run ${OPENINGS} times after.`,
      ...searchNotes,
      ...floodNotes,
      `Docker Engine ${await engineVersion()}; headless Chromium, viewport 1280×800; main's services and the browser-mode server run in the bench process.`,
    ],
  }
})
