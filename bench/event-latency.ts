// Event → DOM latency: state changes made with the docker CLI, timed from the engine event's own
// timeNano to the moment the row's state text changes in the page. References in the same run:
// `docker events` (CLI) and a raw Engine API /events stream, timed from timeNano to arrival here.
//
//   npx tsx bench/event-latency.ts            (BENCH_CHANGES=200 by default)
import { execFile, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'
import type { EventBatch } from '../src-shared/contract'
import { eventsSource } from '../src-main/engine/events'
import { NdjsonSplitter } from '../src-main/engine/ndjson'
import { startBerth } from './lib/berth'
import { openPage, readCount, waitFor } from './lib/browser'
import { benchLabels, log, nowMs, round, runBench, sleep, summarize, type Metric } from './lib/common'
import { createContainers, docker, removeLabelled, startContainers } from './lib/engine'

const NAME = 'event-latency'
const CONTAINERS = 4
const WARMUP = 4
const CHANGES = Number(process.env.BENCH_CHANGES ?? 200)
const WAIT_MS = 5000
const BUDGET_P95_MS = 150

interface SeenEvent {
  name: string
  action: string
  timeNano: number
  at: number
}

interface DomChange {
  name: string
  text: string
  at: number
}

// In-page observer: on any DOM mutation, read each row's State cell (found through the "Sort by
// State" column header) and report changes with a wall-clock timestamp. A string, so the bundler
// adds nothing to it.
const OBSERVER = `(() => {
  const stateColumn = () => [...document.querySelectorAll('[role=columnheader]')].findIndex((h) => h.querySelector('button[aria-label="Sort by State"]'))
  const last = new Map()
  const scan = () => {
    const at = performance.timeOrigin + performance.now()
    const col = stateColumn()
    for (const row of document.querySelectorAll('[role=row]')) {
      const link = row.querySelector('a[aria-label^="Open "]')
      const cell = row.querySelectorAll('[role=cell]')[col]
      if (!link || !cell) continue
      const name = link.getAttribute('aria-label').slice(5)
      const text = cell.textContent.trim()
      if (last.get(name) !== text) {
        last.set(name, text)
        window.__benchDomChange({ name, text, at })
      }
    }
  }
  new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
  scan()
})()`

void runBench(NAME, async (addCleanup) => {
  const { id, labels } = benchLabels('ev')
  const names = Array.from({ length: CONTAINERS }, (_, i) => `berth-bench-${id}-${i}`)
  addCleanup(() => removeLabelled(id))
  log(NAME, `starting ${CONTAINERS} containers (${id})`)
  await startContainers(await createContainers(names, labels, ['sleep', '100000']))

  // Reference 1: the docker CLI's own event stream.
  const cliEvents: SeenEvent[] = []
  const cliProc = spawn('docker', ['events', '--format', '{{json .}}', '--filter', `label=berth.bench=${id}`, '--filter', 'type=container'], { stdio: ['ignore', 'pipe', 'inherit'] })
  addCleanup(() => cliProc.kill())
  createInterface({ input: cliProc.stdout }).on('line', (line) => {
    const at = nowMs()
    try {
      const e = JSON.parse(line) as { Action: string; timeNano: number; Actor: { Attributes: { name: string } } }
      cliEvents.push({ name: e.Actor.Attributes.name, action: e.Action, timeNano: e.timeNano, at })
    } catch {
      /* not an event line */
    }
  })

  // Reference 2: the Engine API /events stream, read the way Berth reads it (dockerode, NDJSON).
  const apiEvents: SeenEvent[] = []
  const apiStream = (await docker.getEvents({ filters: { label: [`berth.bench=${id}`], type: ['container'] } })) as NodeJS.ReadableStream & { destroy(): void }
  addCleanup(() => apiStream.destroy())
  const splitter = new NdjsonSplitter<{ Action: string; timeNano: number; Actor: { Attributes: { name: string } } }>()
  apiStream.on('data', (chunk: Buffer) => {
    const at = nowMs()
    for (const e of splitter.push(chunk)) apiEvents.push({ name: e.Actor.Attributes.name, action: e.Action, timeNano: e.timeNano, at })
  })

  // Every engine event in arrival order, to tell whether one arrived after a later-stamped one.
  const allEvents: SeenEvent[] = []
  const allStream = (await docker.getEvents({})) as NodeJS.ReadableStream & { destroy(): void }
  addCleanup(() => allStream.destroy())
  const allSplitter = new NdjsonSplitter<{ Action: string; timeNano: number; Actor: { Attributes?: { name?: string } } }>()
  allStream.on('data', (chunk: Buffer) => {
    const at = nowMs()
    for (const e of allSplitter.push(chunk)) allEvents.push({ name: e.Actor.Attributes?.name ?? '', action: e.Action, timeNano: e.timeNano, at })
  })

  const berth = await startBerth()
  addCleanup(() => berth.close())
  // Main's batches, seen by a second subscriber of the shared `events` stream: the moment each
  // batch leaves main (after the coalescing window and the row re-read).
  const batches: { at: number; batch: EventBatch }[] = []
  const unsubscribe = berth.services.streams.subscribe('events', () => eventsSource(berth.services.connection, berth.services.containers), {
    onMessage: (batch: EventBatch) => batches.push({ at: nowMs(), batch }),
    onEnd: () => undefined,
  })
  addCleanup(unsubscribe)

  const { browser, page } = await openPage()
  addCleanup(() => browser.close())
  const domChanges: DomChange[] = []
  await page.exposeFunction('__benchDomChange', (c: DomChange) => domChanges.push(c))
  await page.goto(berth.server.url)
  await page.getByRole('searchbox', { name: 'Search containers' }).fill(id)
  await waitFor(page, `document.querySelectorAll('[role=row] a[aria-label^="Open berth-bench-${id}"]').length === ${CONTAINERS}`, 15000)
  const count = await readCount(page)
  log(NAME, `page shows ${count?.shown} of ${count?.total}; observing`)
  await page.evaluate(OBSERVER)

  const state = new Map(names.map((n) => [n, 'running' as 'running' | 'paused']))
  const rows: { engine: number; cli: number; api: number | null; main: number | null; dom: number }[] = []
  const misses: { k: number; action: string; name: string; event: boolean; inBatch: boolean; rowState: string | null; late: boolean }[] = []
  const total = WARMUP + CHANGES
  for (let k = 0; k < total; k++) {
    const name = names[k % CONTAINERS]!
    const action = state.get(name) === 'running' ? 'pause' : 'unpause'
    const want = action === 'pause' ? 'Paused' : 'Running'
    const issued = nowMs()
    await promisify(execFile)('docker', [action, name])
    state.set(name, action === 'pause' ? 'paused' : 'running')
    const after = (e: SeenEvent) => e.name === name && e.action === action && e.timeNano / 1e6 >= issued - 1
    const deadline = Date.now() + WAIT_MS
    let cliEvent: SeenEvent | undefined
    let dom: DomChange | undefined
    while (Date.now() < deadline) {
      cliEvent ??= cliEvents.find(after)
      dom ??= domChanges.find((c) => c.name === name && c.text.startsWith(want) && c.at >= issued)
      if (cliEvent && dom) break
      await sleep(5)
    }
    if (!cliEvent || !dom) {
      // Why it was not seen: did main ever send a batch with this event, and did the engine
      // deliver it after an event stamped later (Berth drops events older than the last seen)?
      const carrying = cliEvent ? batches.find((b) => b.batch.events.some((e) => e.timeNano === cliEvent.timeNano && e.action === action)) : undefined
      const inBatch = carrying !== undefined
      // The row main re-read for it: stale when the engine's list had not caught up with the event.
      const rowState = carrying?.batch.containers.find((c) => c.row?.name === name)?.row?.state ?? null
      const pos = cliEvent ? allEvents.findIndex((e) => e.timeNano === cliEvent.timeNano && e.name === name) : -1
      const late = pos > 0 && allEvents.slice(0, pos).some((e) => e.timeNano >= allEvents[pos]!.timeNano)
      misses.push({ k, action, name, event: Boolean(cliEvent), inBatch, rowState, late })
      log(
        NAME,
        `change ${k}: ${action} ${name} not reflected in the DOM (event seen: ${Boolean(cliEvent)}, in a batch from main: ${inBatch}, row state in it: ${rowState}, delivered after a later-stamped event: ${late})`,
      )
      continue
    }
    if (k < WARMUP) continue
    const apiEvent = apiEvents.find(after)
    const batch = batches.find((b) => b.batch.events.some((e) => e.action === action && e.timeNano === cliEvent.timeNano))
    rows.push({ engine: cliEvent.timeNano / 1e6, cli: cliEvent.at, api: apiEvent?.at ?? null, main: batch?.at ?? null, dom: dom.at })
    if ((k - WARMUP + 1) % 50 === 0) log(NAME, `${k - WARMUP + 1}/${CHANGES} changes`)
  }

  // Reference: how long after a pause/unpause event the engine's container list (what main re-reads)
  // shows the new state. The page is closed first so Berth's own reads do not interfere.
  await browser.close()
  const lag = await listLag(names[0]!, id)

  const toRow = summarize(rows.map((r) => r.dom - r.engine))
  const cli = summarize(rows.map((r) => r.cli - r.engine))
  const withApi = rows.filter((r) => r.api !== null) as { engine: number; api: number; main: number | null; dom: number }[]
  const api = summarize(withApi.map((r) => r.api - r.engine))
  const withMain = rows.filter((r) => r.main !== null && r.api !== null) as { engine: number; api: number; main: number; dom: number }[]
  const inMain = summarize(withMain.map((r) => r.main - r.api))
  const toDom = summarize(withMain.map((r) => r.dom - r.main))
  const metrics: Metric[] = [
    { label: 'Event → row updated in the DOM, p50', value: round(toRow.p50), unit: 'ms' },
    { label: 'Event → row updated in the DOM, p95', value: round(toRow.p95), unit: 'ms', budget: BUDGET_P95_MS },
    { label: 'Event → row updated in the DOM, max', value: round(toRow.max), unit: 'ms' },
    { label: `Changes not reflected in the DOM within ${WAIT_MS / 1000} s`, value: misses.length, unit: 'count', note: 'not counted in the latencies' },
    {
      label: "of which main re-read a stale row (the engine's list still had the pre-event state)",
      value: misses.filter((m) => m.rowState !== null && m.rowState !== (m.action === 'pause' ? 'paused' : 'running')).length,
      unit: 'count',
      note: "the row then stays wrong until the container's next event",
    },
    { label: '`docker events` (CLI): event → received, p50', value: round(cli.p50), unit: 'ms', reference: true },
    { label: '`docker events` (CLI): event → received, p95', value: round(cli.p95), unit: 'ms', reference: true },
    { label: '`docker events` (CLI): event → received, max', value: round(cli.max), unit: 'ms', reference: true },
    { label: 'Engine API /events stream: event → received, p50', value: round(api.p50), unit: 'ms', reference: true },
    { label: 'Engine API /events stream: event → received, p95', value: round(api.p95), unit: 'ms', reference: true },
    { label: 'Berth DOM p50 − `docker events` p50 (added by Berth)', value: round(toRow.p50 - cli.p50), unit: 'ms' },
    { label: 'Berth DOM p50 ÷ `docker events` p50', value: round(toRow.p50 / cli.p50, 2), unit: 'x' },
    { label: `Engine list shows the new state: event arrival → list agrees, p50 (${lag.n} changes)`, value: round(lag.p50), unit: 'ms', reference: true },
    { label: 'Engine list shows the new state: event arrival → list agrees, p95', value: round(lag.p95), unit: 'ms', reference: true },
    { label: 'Engine list read right at event arrival was stale', value: lag.staleAtOnce, unit: 'count', reference: true, note: `of ${lag.n}` },
    { label: 'Breakdown: API stream arrival → batch leaves main, p50', value: round(inMain.p50), unit: 'ms', note: 'coalescing window + row re-read' },
    { label: 'Breakdown: API stream arrival → batch leaves main, p95', value: round(inMain.p95), unit: 'ms' },
    { label: 'Breakdown: batch leaves main → DOM, p50', value: round(toDom.p50), unit: 'ms', note: 'WebSocket + store + Vue render' },
    { label: 'Breakdown: batch leaves main → DOM, p95', value: round(toDom.p95), unit: 'ms' },
  ]
  return {
    title: 'Event → DOM latency',
    metrics,
    notes: [
      `${rows.length} measured changes (${WARMUP} warm-up changes not counted): alternating \`docker pause\`/\`docker unpause\` on ${CONTAINERS} busybox containers, one at a time.`,
      "Start: the engine event's timeNano. End: a MutationObserver in the page sees the row's State cell change (performance.timeOrigin + performance.now()). Same machine, same clock.",
      "Main's side (Services + browser-mode server) runs in the bench process; Chromium is headless.",
      ...(misses.length
        ? [
            `Not reflected (change: action, container, row state in main's batch): ${misses
              .map((m) => `#${m.k} ${m.action} ${m.name.slice(-4)} → ${m.inBatch ? (m.rowState ?? 'no row') : 'no batch'}${m.late ? ' (delivered out of order)' : ''}`)
              .join('; ')}. A stale row (e.g. unpause → "paused") leaves the DOM showing the old state, so the next opposite change shows no change either.`,
          ]
        : []),
    ],
  }
})

/**
 * Pauses and unpauses one container; on each event's arrival, lists it (id filter, as main does)
 * every 2 ms until the list agrees with the event. Docker logs pause/unpause before it saves the
 * container to the store that the list reads.
 */
async function listLag(name: string, benchId: string, changes = 40): Promise<ReturnType<typeof summarize> & { staleAtOnce: number }> {
  const [info] = await docker.listContainers({ all: true, filters: { name: [name], label: [`berth.bench=${benchId}`] } })
  if (!info) throw new Error(`${name} is gone`)
  const stream = (await docker.getEvents({ filters: { container: [info.Id], type: ['container'] } })) as NodeJS.ReadableStream & { destroy(): void }
  const splitter = new NdjsonSplitter<{ Action: string }>()
  const lags: number[] = []
  const probes: Promise<void>[] = []
  let staleAtOnce = 0
  stream.on('data', (chunk: Buffer) => {
    for (const e of splitter.push(chunk)) {
      if (e.Action !== 'pause' && e.Action !== 'unpause') continue
      const want = e.Action === 'pause' ? 'paused' : 'running'
      const t0 = performance.now()
      probes.push(
        (async () => {
          for (let first = true; performance.now() - t0 < 5000; first = false) {
            const [row] = await docker.listContainers({ all: true, filters: { id: [info.Id] } })
            if (row?.State === want) break
            if (first) staleAtOnce++
            await sleep(2)
          }
          lags.push(performance.now() - t0)
        })(),
      )
    }
  })
  try {
    const paused = (await docker.getContainer(info.Id).inspect()).State.Paused
    for (let i = 0; i < changes; i++) {
      await promisify(execFile)('docker', [(i % 2 === 0) === paused ? 'unpause' : 'pause', name])
      await sleep(100)
    }
    await sleep(500)
    await Promise.all(probes)
  } finally {
    stream.destroy()
  }
  return { ...summarize(lags), staleAtOnce }
}
