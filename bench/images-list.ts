// The Images screen with 500 tags: navigation → the list in the DOM, and filter keystroke → the
// filtered rows in the DOM. Reference in the same run: the engine's own image list call.
//
//   npx tsx bench/images-list.ts               (BENCH_TAGS=500 by default)
import { browserLink } from '../src-shared/browser-link'
import { startBerth } from './lib/berth'
import { openPage, waitFor } from './lib/browser'
import { benchLabels, log, round, runBench, summarize, type Metric } from './lib/common'
import { docker, IMAGE } from './lib/engine'

const NAME = 'images-list'
const TAGS = Number(process.env.BENCH_TAGS ?? 500)
const REPOS = 50
const RELOADS = 3
const ROUNDS = 8
const BUDGET_RENDER_MS = 1000
const BUDGET_KEY_MS = 50

// Installed before any page script: notes when the count shows at least `min` images with rows
// present, and the frame after it; the bench awaits the promise once instead of polling.
const LIST_READY = (min: number) => `(() => {
  let done
  window.__benchListDone = new Promise((resolve) => (done = resolve))
  const check = () => {
    if (window.__benchListReady) return
    const m = /(\\d+)\\D+(\\d+)/.exec(document.querySelector('[data-testid="image-count"]')?.textContent ?? '')
    if (!m || Number(m[1]) < ${min}) return
    if (!document.querySelector('[role=row] a[href^="#/images/"]')) return
    window.__benchListReady = performance.now()
    requestAnimationFrame(() => setTimeout(() => {
      window.__benchListFrame = performance.now()
      done()
    }, 0))
  }
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true })
})()`

// Keystroke → the count and rows the DOM shows match what is expected, and the frame after.
const KEY_PROBE = `(() => {
  const dataRows = () => document.querySelectorAll('[role=row]').length - 1
  const shown = () => Number(/(\\d+)/.exec(document.querySelector('[data-testid="image-count"]')?.textContent ?? '')?.[1] ?? -1)
  let armed = null
  window.__benchArm = (expect) => {
    armed = { expect, t0: null, dom: null }
    window.__benchKeyResult = null
  }
  window.addEventListener('keydown', (e) => {
    if (armed && armed.t0 === null) armed.t0 = e.timeStamp
  }, true)
  new MutationObserver(() => {
    const a = armed
    if (!a || a.t0 === null || a.dom !== null) return
    if (shown() !== a.expect || (a.expect <= 10 ? dataRows() !== a.expect : dataRows() <= 10)) return
    a.dom = performance.now()
    requestAnimationFrame(() => setTimeout(() => {
      window.__benchKeyResult = { dom: a.dom - a.t0, frame: performance.now() - a.t0, rows: dataRows() }
      armed = null
    }, 0))
  }).observe(document.body, { subtree: true, childList: true, characterData: true })
})()`

void runBench(NAME, async (addCleanup) => {
  const { id } = benchLabels('il')
  // Tags carry no labels: every one is named under this run's prefix, and only those are removed.
  const prefix = `berth-bench-${id.toLowerCase().replace(/[^a-z0-9-]/g, '')}`
  const refs = Array.from({ length: TAGS }, (_, i) => ({ repo: `${prefix}/repo${String(i % REPOS).padStart(2, '0')}`, tag: `v${String(i).padStart(3, '0')}` }))
  addCleanup(async () => {
    for (let i = 0; i < refs.length; i += 20)
      await Promise.all(
        refs.slice(i, i + 20).map((r) =>
          docker
            .getImage(`${r.repo}:${r.tag}`)
            .remove()
            .catch(() => undefined),
        ),
      )
    log(NAME, `removed ${refs.length} tags`)
  })
  const t = performance.now()
  for (let i = 0; i < refs.length; i += 20) await Promise.all(refs.slice(i, i + 20).map((r) => docker.getImage(IMAGE).tag(r)))
  log(NAME, `tagged ${TAGS} references in ${round((performance.now() - t) / 1000)} s`)

  const apiList: number[] = []
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now()
    await docker.listImages()
    apiList.push(performance.now() - t0)
  }

  const berth = await startBerth()
  addCleanup(() => berth.close())
  const { browser, page } = await openPage()
  addCleanup(() => browser.close())
  await page.addInitScript(LIST_READY(TAGS))
  const url = browserLink(berth.server.origin, berth.server.token, '/images')
  const ready = async () => {
    await Promise.race([page.evaluate('window.__benchListDone'), new Promise((_, reject) => setTimeout(() => reject(new Error('the images list did not render within 30 s')), 30000).unref())])
    return (await page.evaluate('({ dom: window.__benchListReady, frame: window.__benchListFrame })')) as { dom: number; frame: number }
  }
  // The token link lands on the containers screen; the images screen opens from its URL.
  await page.goto(url)
  const cold = await ready()
  const rowsInDom = (await page.evaluate(`document.querySelectorAll('[role=row]').length`)) as number
  log(NAME, `cold render ${round(cold.dom)} ms, ${rowsInDom} rows in the DOM`)
  const warm: Array<{ dom: number; frame: number }> = []
  for (let i = 0; i < RELOADS; i++) {
    await page.reload()
    warm.push(await ready())
  }

  await page.evaluate(KEY_PROBE)
  const search = page.getByRole('searchbox', { name: 'Search images' })
  await search.fill(`${prefix}/repo`)
  await waitFor(page, `/^${TAGS}\\D/.test(document.querySelector('[data-testid="image-count"]')?.textContent ?? '')`)
  const keyDom: number[] = []
  const keyFrame: number[] = []
  let typed = ''
  const press = async (key: string) => {
    typed = key === 'Backspace' ? typed.slice(0, -1) : typed + key
    const expectCount = refs.filter((r) => `${r.repo}:${r.tag}`.includes(`${prefix}/repo${typed}`)).length
    await page.evaluate(`window.__benchArm(${expectCount})`)
    await page.keyboard.press(key)
    await waitFor(page, 'window.__benchKeyResult !== null', 10000)
    const r = (await page.evaluate('window.__benchKeyResult')) as { dom: number; frame: number }
    keyDom.push(r.dom)
    keyFrame.push(r.frame)
  }
  for (let i = 0; i < ROUNDS; i++) {
    // Two digits of a repository name: 500 → 50ish → 10 and back.
    const digits = String(Math.floor(Math.random() * REPOS)).padStart(2, '0')
    for (const d of digits) await press(d)
    for (let j = 0; j < digits.length; j++) await press('Backspace')
  }
  const keys = summarize(keyDom)
  const keysFrame = summarize(keyFrame)
  const api = summarize(apiList)
  const warmDom = summarize(warm.map((w) => w.dom))
  const metrics: Metric[] = [
    { label: `Images list (${TAGS} tags), cold load: navigation → list in the DOM`, value: round(cold.dom), unit: 'ms', budget: BUDGET_RENDER_MS },
    { label: 'Images list, cold load: navigation → next frame', value: round(cold.frame), unit: 'ms' },
    { label: `Images list, warm reload (p50 of ${RELOADS}): navigation → list in the DOM`, value: round(warmDom.p50), unit: 'ms', budget: BUDGET_RENDER_MS },
    { label: 'Engine image list (`GET /images/json`), p50 of 3', value: round(api.p50), unit: 'ms', reference: true },
    { label: 'Filter keystroke → filtered rows in the DOM, p50', value: round(keys.p50), unit: 'ms' },
    { label: 'Filter keystroke → filtered rows in the DOM, p95', value: round(keys.p95), unit: 'ms', budget: BUDGET_KEY_MS },
    { label: 'Filter keystroke → next frame, p95', value: round(keysFrame.p95), unit: 'ms' },
    { label: `Rows in the DOM with ${TAGS} tags listed (incl. header row)`, value: rowsInDom, unit: 'rows', budget: 100 },
  ]
  return {
    title: `Images list with ${TAGS} tags: render and filter`,
    metrics,
    notes: [
      `${TAGS} tags of the test image over ${REPOS} repositories (one row per tag, as docker images shows them); images:list also lists every container for the in-use counts.`,
      'List render: from navigation start to the count showing every tag with rows present (MutationObserver), and the frame after it. The page opens at #/images.',
      `Keystrokes: ${keys.n} (${ROUNDS} rounds of 2 digits narrowing ${TAGS} → ~50 → 10, then 2 Backspaces), from the keydown event's timestamp to the count and rows matching.`,
      "Viewport 1280×800, headless Chromium; main's services run in the bench process.",
    ],
  }
})
