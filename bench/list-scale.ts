// 1000 containers: time from navigation to the first full render of the table, filter keystroke
// latency, and how many rows the DOM holds. Reference in the same run: the engine's own list call.
//
//   npx tsx bench/list-scale.ts               (BENCH_CONTAINERS=1000 by default)
import { startBerth } from './lib/berth'
import { openPage, readCount, waitFor } from './lib/browser'
import { benchLabels, log, round, runBench, summarize, type Metric } from './lib/common'
import { createContainers, docker, removeLabelled } from './lib/engine'

const NAME = 'list-scale'
const COUNT = Number(process.env.BENCH_CONTAINERS ?? 1000)
const RELOADS = 3
const ROUNDS = 8
const BUDGET_RENDER_MS = 1000
const BUDGET_KEY_MS = 50
const BUDGET_ROWS = 100

// Installed before any page script: notes when the count says every container is shown (at least
// `min`) and table rows exist, then the next frame after it. For the breakdown it also timestamps
// the containers:list request and its answer on the app's WebSocket (a listener added before the
// app's own, so the answer is stamped on arrival, before it is parsed and rendered).
const LIST_READY = (min: number) => `(() => {
  const Native = window.WebSocket
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args)
      this.addEventListener('message', (ev) => {
        if (window.__benchListId === undefined || window.__benchListRes !== undefined) return
        const head = String(ev.data).slice(0, 64)
        if (head.includes('"kind":"result"') && head.includes('"id":' + window.__benchListId + ',')) {
          window.__benchListRes = performance.now()
          window.__benchListBytes = String(ev.data).length
        }
      })
    }
    send(data) {
      if (window.__benchListReq === undefined && String(data).includes('"containers:list"')) {
        window.__benchListReq = performance.now()
        window.__benchListId = JSON.parse(String(data)).id
      }
      return super.send(data)
    }
  }
  const check = () => {
    if (window.__benchListReady) return
    const m = /(\\d+)\\D+(\\d+)/.exec(document.querySelector('[data-testid="container-count"]')?.textContent ?? '')
    if (!m || Number(m[1]) !== Number(m[2]) || Number(m[2]) < ${min}) return
    if (!document.querySelector('[role=row] a[aria-label^="Open "]')) return
    window.__benchListReady = performance.now()
    requestAnimationFrame(() => setTimeout(() => {
      window.__benchListFrame = performance.now()
      done()
    }, 0))
  }
  // The bench awaits this once instead of polling the page while it loads (polling every 10 ms
  // costs the page, Chromium and this process CPU on the path being measured).
  let done
  window.__benchListDone = new Promise((resolve) => (done = resolve))
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true })
})()`

interface LoadTimes {
  dom: number
  frame: number
  dcl: number
  req: number
  res: number
  bytes: number
}

// Keystroke timing: from the keydown event's timestamp to the DOM showing the expected count and
// rows (MutationObserver), and to the frame after it.
const KEY_PROBE = `(() => {
  const dataRows = () => document.querySelectorAll('[role=row]').length - 1
  const shown = () => Number(/(\\d+)/.exec(document.querySelector('[data-testid="container-count"]')?.textContent ?? '')?.[1] ?? -1)
  let armed = null
  window.__benchArm = (expect) => {
    armed = { expect, t0: null, dom: null, frame: null }
    window.__benchKeyResult = null
  }
  window.addEventListener('keydown', (e) => {
    if (armed && armed.t0 === null) armed.t0 = e.timeStamp
  }, true)
  new MutationObserver(() => {
    const a = armed
    if (!a || a.t0 === null || a.dom !== null) return
    const rows = dataRows()
    if (shown() !== a.expect || (a.expect <= 10 ? rows !== a.expect : rows <= 10)) return
    a.dom = performance.now()
    requestAnimationFrame(() => setTimeout(() => {
      a.frame = performance.now()
      window.__benchKeyResult = { dom: a.dom - a.t0, frame: a.frame - a.t0, rows }
      armed = null
    }, 0))
  }).observe(document.body, { subtree: true, childList: true, characterData: true })
})()`

void runBench(NAME, async (addCleanup) => {
  const { id, labels } = benchLabels('ls')
  addCleanup(async () => {
    const t = performance.now()
    const n = await removeLabelled(id)
    log(NAME, `removed ${n} containers in ${round((performance.now() - t) / 1000)} s`)
  })
  log(NAME, `creating ${COUNT} containers (${id})`)
  const createStart = performance.now()
  const names = Array.from({ length: COUNT }, (_, i) => `berth-bench-${id}-${String(i).padStart(3, '0')}`)
  await createContainers(names, labels, ['sleep', '1'])
  const createSeconds = (performance.now() - createStart) / 1000
  log(NAME, `created in ${round(createSeconds)} s`)

  // Reference: the engine's own list of every container (what Berth's first list waits for).
  const apiList: number[] = []
  for (let i = 0; i < 3; i++) {
    const t = performance.now()
    await docker.listContainers({ all: true })
    apiList.push(performance.now() - t)
  }

  const berth = await startBerth()
  addCleanup(() => berth.close())
  // Main's side of the same request: the engine call plus mapping to rows.
  const mainList: number[] = []
  for (let i = 0; i < 3; i++) {
    const t = performance.now()
    await berth.services.containers.list()
    mainList.push(performance.now() - t)
  }
  const { browser, page } = await openPage()
  addCleanup(() => browser.close())
  await page.addInitScript(LIST_READY(COUNT))

  // Cold: a fresh profile, the token link (302 → cookie), nothing cached. Then warm reloads.
  const readyTimes = async () => {
    await Promise.race([page.evaluate('window.__benchListDone'), new Promise((_, reject) => setTimeout(() => reject(new Error('the list did not render within 30 s')), 30000).unref())])
    const t = (await page.evaluate(`({ dom: window.__benchListReady, frame: window.__benchListFrame, req: window.__benchListReq ?? NaN, res: window.__benchListRes ?? NaN,
      bytes: window.__benchListBytes ?? NaN, dcl: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? NaN })`)) as LoadTimes
    return t
  }
  await page.goto(berth.server.url)
  const cold = await readyTimes()
  const rowsInDom = await page.evaluate(`document.querySelectorAll('[role=row]').length`)
  const count = await readCount(page)
  log(NAME, `cold render ${round(cold.dom)} ms, ${count?.shown} of ${count?.total} shown, ${rowsInDom} rows in the DOM`)
  const warm: LoadTimes[] = []
  for (let i = 0; i < RELOADS; i++) {
    await page.reload()
    warm.push(await readyTimes())
  }
  const warmDom = summarize(warm.map((w) => w.dom))
  const warmPhase = (f: (t: LoadTimes) => number) => round(summarize(warm.map(f)).p50)
  const warmFrame = summarize(warm.map((w) => w.frame))

  // Keystrokes: the prefix matches exactly our containers; each digit narrows 1000 → 100 → 10 → 1
  // and each Backspace widens it again.
  await page.evaluate(KEY_PROBE)
  const search = page.getByRole('searchbox', { name: 'Search containers' })
  await search.fill(`${id}-`)
  await waitFor(page, `/^${COUNT}\\D/.test(document.querySelector('[data-testid="container-count"]')?.textContent ?? '')`)
  const keyDom: number[] = []
  const keyFrame: number[] = []
  let typed = ''
  const press = async (key: string) => {
    typed = key === 'Backspace' ? typed.slice(0, -1) : typed + key
    const expect = names.filter((n) => n.includes(`${id}-${typed}`)).length
    await page.evaluate(`window.__benchArm(${expect})`)
    await page.keyboard.press(key)
    await waitFor(page, 'window.__benchKeyResult !== null', 10000)
    const r = (await page.evaluate('window.__benchKeyResult')) as { dom: number; frame: number }
    keyDom.push(r.dom)
    keyFrame.push(r.frame)
  }
  for (let i = 0; i < ROUNDS; i++) {
    // Digits of an existing name, so no step matches nothing.
    const digits = names[Math.floor(Math.random() * names.length)]!.slice(-3)
    for (const d of digits) await press(d)
    for (let j = 0; j < digits.length; j++) await press('Backspace')
  }
  const keys = summarize(keyDom)
  const keysFrame = summarize(keyFrame)
  const api = summarize(apiList)
  const main = summarize(mainList)

  const metrics: Metric[] = [
    { label: `List renders (${COUNT} containers), cold load: navigation → table in the DOM`, value: round(cold.dom), unit: 'ms', budget: BUDGET_RENDER_MS },
    { label: 'List renders, cold load: navigation → next frame', value: round(cold.frame), unit: 'ms' },
    { label: `List renders, warm reload (p50 of ${RELOADS}): navigation → table in the DOM`, value: round(warmDom.p50), unit: 'ms', budget: BUDGET_RENDER_MS },
    { label: 'List renders, warm reload: navigation → next frame (p50)', value: round(warmFrame.p50), unit: 'ms' },
    { label: 'Engine list of all containers (`GET /containers/json?all=1`), p50 of 3', value: round(api.p50), unit: 'ms', reference: true },
    { label: "Berth's containers:list in main (engine call + rows), p50 of 3", value: round(main.p50), unit: 'ms' },
    { label: 'Warm list render ÷ engine list call', value: round(warmDom.p50 / api.p50, 2), unit: 'x' },
    { label: 'Breakdown, cold: navigation → DOMContentLoaded (HTML, scripts)', value: round(cold.dcl), unit: 'ms' },
    { label: 'Breakdown, cold: DOMContentLoaded → containers:list sent (boot round trips)', value: round(cold.req - cold.dcl), unit: 'ms' },
    { label: 'Breakdown, cold: containers:list sent → answer arrives', value: round(cold.res - cold.req), unit: 'ms', note: `${round(cold.bytes / 1024, 0)} KiB of JSON` },
    { label: 'Breakdown, cold: answer → table in the DOM (parse, store, render)', value: round(cold.dom - cold.res), unit: 'ms' },
    { label: 'Breakdown, warm p50: navigation → DOMContentLoaded', value: warmPhase((t) => t.dcl), unit: 'ms' },
    { label: 'Breakdown, warm p50: DOMContentLoaded → containers:list sent', value: warmPhase((t) => t.req - t.dcl), unit: 'ms' },
    { label: 'Breakdown, warm p50: containers:list sent → answer arrives', value: warmPhase((t) => t.res - t.req), unit: 'ms' },
    { label: 'Breakdown, warm p50: answer → table in the DOM', value: warmPhase((t) => t.dom - t.res), unit: 'ms' },
    { label: 'Filter keystroke → filtered rows in the DOM, p50', value: round(keys.p50), unit: 'ms' },
    { label: 'Filter keystroke → filtered rows in the DOM, p95', value: round(keys.p95), unit: 'ms', budget: BUDGET_KEY_MS },
    { label: 'Filter keystroke → filtered rows in the DOM, max', value: round(keys.max), unit: 'ms' },
    { label: 'Filter keystroke → next frame, p50', value: round(keysFrame.p50), unit: 'ms' },
    { label: 'Filter keystroke → next frame, p95', value: round(keysFrame.p95), unit: 'ms' },
    { label: `Rows in the DOM with ${count?.total ?? '?'} containers listed (incl. header row)`, value: rowsInDom as number, unit: 'rows', budget: BUDGET_ROWS },
  ]
  return {
    title: `${COUNT} containers: list render, filter, DOM size`,
    metrics,
    notes: [
      `${COUNT} created (not started) busybox containers, made in ${round(createSeconds)} s; the engine also held ${(count?.total ?? COUNT) - COUNT} other containers.`,
      'List render: from navigation start (performance.timeOrigin; the cold load includes the token redirect) to the count showing every container with rows present (MutationObserver), and to the frame after it.',
      `Keystrokes: ${keys.n} (${ROUNDS} rounds of 3 digits narrowing ${COUNT} → 100 → 10 → 1, then 3 Backspaces back), from the keydown event's timestamp to the count and rows matching.`,
      "Viewport 1280×800, headless Chromium; main's services run in the bench process.",
    ],
  }
})
