// Engine restart: how soon the containers list is back in the page once the engine answers again.
// A private dockerd (tests/helpers/private-dockerd.ts; the shared one is never stopped) with one
// container, browser mode (`node out/main/web.js --engine <its socket>`) in its own process, and
// Chromium showing the list filtered to that container. Five times: stop dockerd, wait until the
// page has emptied the list, leave it stopped a while, start it again. Timed from the engine's
// first answer (reference: GET /info, what `docker info` asks, sent by this process the moment the
// socket exists; a starting dockerd holds it until it serves, so it answers at the first moment it
// can) to the container's row being in the page's DOM again.
//
//   npx tsx bench/engine-restart.ts           (BENCH_RESTARTS=5 by default)
import { existsSync } from 'node:fs'
import { TEST_IMAGE } from '../tests/helpers/engine'
import { PrivateDockerd, privateDockerdProblem } from '../tests/helpers/private-dockerd'
import { openPage, waitFor } from './lib/browser'
import { benchLabels, log, nowMs, round, runBench, sleep, summarize, type Metric } from './lib/common'
import { startWebProcess } from './lib/web-process'

const NAME = 'engine-restart'
const RESTARTS = Number(process.env.BENCH_RESTARTS ?? 5)
// Gone for a few seconds and for longer than the old backoff's 5 s cap, in a fixed order.
const OUTAGES_S = [3, 10, 5, 20, 8]
const BUDGET_P95_MS = 2000
const WAIT_MS = 30_000

interface ListChange {
  present: boolean
  at: number
}

/** In-page: reports (with a wall-clock time) each time the container's row appears in or leaves the DOM. */
const observer = (name: string) => `(() => {
  const selector = 'a[aria-label=${JSON.stringify(`Open ${name}`)}]'
  let present = document.querySelector(selector) !== null
  new MutationObserver(() => {
    const now = document.querySelector(selector) !== null
    if (now === present) return
    present = now
    window.__benchList({ present, at: performance.timeOrigin + performance.now() })
  }).observe(document.body, { subtree: true, childList: true, attributes: true })
})()`

/** The first moment the engine answers GET /info: asked as soon as its socket exists, again after any failure. */
async function firstAnswer(dockerd: PrivateDockerd, deadline: number): Promise<number> {
  while (Date.now() < deadline) {
    if (existsSync(dockerd.socketPath)) {
      try {
        await dockerd.client.info()
        return nowMs()
      } catch {
        /* bound but not listening yet, or the old socket: ask again */
      }
    }
    await sleep(2)
  }
  throw new Error(`the private dockerd did not answer GET /info within ${WAIT_MS / 1000} s`)
}

void runBench(NAME, async (addCleanup) => {
  const problem = await privateDockerdProblem()
  if (problem) throw new Error(`this benchmark needs a private dockerd: ${problem}`)
  const { id } = benchLabels('restart')
  const name = `berth-bench-${id}`

  log(NAME, 'starting a private dockerd')
  const dockerd = await PrivateDockerd.start()
  addCleanup(() => dockerd.dispose())
  await dockerd.copyImage(TEST_IMAGE)
  await dockerd.client.createContainer({ name, Image: TEST_IMAGE, Cmd: ['sleep', '100000'], HostConfig: { NetworkMode: 'none' } })

  const web = await startWebProcess(dockerd.url)
  addCleanup(() => web.close())
  const { browser, page } = await openPage()
  addCleanup(() => browser.close())
  const changes: ListChange[] = []
  await page.exposeFunction('__benchList', (c: ListChange) => changes.push(c))
  await page.goto(web.url)
  await page.getByRole('searchbox', { name: 'Search containers' }).fill(name)
  await waitFor(page, `document.querySelector(${JSON.stringify(`a[aria-label="Open ${name}"]`)}) !== null`, WAIT_MS)
  await page.evaluate(observer(name))

  const back: number[] = []
  const answerAfterStart: number[] = []
  const rounds: string[] = []
  for (let i = 0; i < RESTARTS; i++) {
    const outage = OUTAGES_S[i % OUTAGES_S.length]!
    const stopAt = nowMs()
    await dockerd.stop()
    // Berth noticed: the page emptied the list.
    const gone = await until(() => changes.find((c) => !c.present && c.at >= stopAt), WAIT_MS)
    log(NAME, `round ${i + 1}: stopped; the list emptied ${round(gone.at - stopAt)} ms after the stop began; waiting ${outage} s`)
    await sleep(outage * 1000)

    const startAt = nowMs()
    const answer = firstAnswer(dockerd, Date.now() + WAIT_MS)
    await dockerd.restart()
    const answeredAt = await answer
    const listed = await until(() => changes.find((c) => c.present && c.at >= startAt), WAIT_MS)
    back.push(listed.at - answeredAt)
    answerAfterStart.push(answeredAt - startAt)
    rounds.push(`${outage} s away: engine answered ${round(answeredAt - startAt, 0)} ms after start, list back ${round(listed.at - answeredAt, 0)} ms after that`)
    log(NAME, `round ${i + 1}: ${rounds.at(-1)}`)
  }

  const s = summarize(back)
  const ref = summarize(answerAfterStart)
  const metrics: Metric[] = [
    { label: 'Engine answers → list back, p50', value: round(s.p50), unit: 'ms' },
    { label: 'Engine answers → list back, p95', value: round(s.p95), unit: 'ms', budget: BUDGET_P95_MS },
    { label: 'Engine answers → list back, max', value: round(s.max), unit: 'ms' },
    { label: 'dockerd started → first GET /info answered, p50', value: round(ref.p50), unit: 'ms', reference: true },
  ]
  return {
    title: 'Engine restart: containers list back after the engine answers',
    metrics,
    notes: [
      `${RESTARTS} restarts of a private dockerd (SIGTERM, then started again on the same socket and data), away ${OUTAGES_S.slice(0, RESTARTS).join(', ')} s; one container, the list filtered to it.`,
      'From the first answer to GET /info (sent by the bench the moment the socket exists) to the row in the DOM (MutationObserver in the page).',
      ...rounds.map((r, i) => `Round ${i + 1}: ${r}.`),
    ],
  }
})

async function until<T>(find: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = find()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`nothing came within ${timeoutMs / 1000} s`)
    await sleep(5)
  }
}
