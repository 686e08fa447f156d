// The Terminal tab through the whole path (browser mode, headless Chromium, real engine):
//  1. keystroke echo: a key pressed in the page → exec:input over the WebSocket → main → the
//     exec's TTY → the echo back through main → drawn in xterm's rows; p50/p95 over 200 keys;
//  2. `cat` of a 10 MiB text file in the container shown in the terminal, from Enter to the
//     marker printed after it, vs `docker exec -t CONTAINER cat FILE > /dev/null` in the same
//     run (ratio), and the page's long tasks meanwhile.
// xterm draws with its DOM renderer here (WebGL off), so the rows can be observed in the DOM.
//
//   npx tsx bench/terminal.ts   (BENCH_KEYSTROKES=200, BENCH_CAT_ROUNDS=3)
import { spawn } from 'node:child_process'
import WebSocket from 'ws'
import { chromium, type Page } from 'playwright-core'
import { splitToken } from '../src-shared/browser-link'
import type { ExecMessage } from '../src-shared/contract/exec'
import type { Services } from '../src-main/services'
import { ClientSession, Router } from '../src-main/transport/router'
import { startBerth } from './lib/berth'
import { startWebProcess } from './lib/web-process'
import { CHROMIUM, waitFor } from './lib/browser'
import { benchLabels, log, round, runBench, summarize, type Metric } from './lib/common'
import { docker, engineVersion, IMAGE, removeLabelled } from './lib/engine'

const NAME = 'terminal'
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 200)
const PER_LINE = 40
const CAT_ROUNDS = Number(process.env.BENCH_CAT_ROUNDS ?? 3)
const FILE = '/tmp/berth-bench-10m.txt'
const FILE_BYTES = 10 * 1024 * 1024
const BUDGET_ECHO_P95_MS = 30
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-webgl', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

// Before any page script: long tasks, the last key-down time, and a check for text in the terminal's rows.
const INIT = `(() => {
  window.__benchLongTasks = []
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__benchLongTasks.push([e.startTime, e.duration])
    }).observe({ type: 'longtask', buffered: true })
  } catch {}
  addEventListener('keydown', (e) => { window.__benchKeyAt = e.timeStamp }, true)
  // Each animation frame asked for: when it was asked for and when it ran (xterm draws in one).
  const raf = window.requestAnimationFrame.bind(window)
  window.__benchFrames = []
  window.requestAnimationFrame = (cb) => { const asked = performance.now(); return raf((t) => { window.__benchFrames.push([asked, performance.now()]); cb(t) }) }
  // Where the time goes: when exec:input leaves and when terminal output arrives on the socket.
  const WS = window.WebSocket
  const send = WS.prototype.send
  WS.prototype.send = function (d) { if (String(d).includes('"exec:input"')) window.__benchSentAt = performance.now(); return send.call(this, d) }
  window.WebSocket = function (...a) {
    const s = new WS(...a)
    s.addEventListener('message', (ev) => { if (String(ev.data).includes('"kind":"output"')) window.__benchOutputAt = performance.now() })
    return s
  }
  window.WebSocket.prototype = WS.prototype
  window.__benchWatch = (text) => new Promise((resolve) => {
    const rows = document.querySelector('.xterm-rows')
    const seen = () => rows.textContent.replace(/\\u00a0/g, ' ').includes(text)
    if (seen()) return resolve(performance.now())
    const mo = new MutationObserver(() => { if (seen()) { mo.disconnect(); resolve(performance.now()) } })
    mo.observe(rows, { subtree: true, childList: true, characterData: true })
  })
})()`

/** Per keystroke: key-down → exec:input sent, → output arrived on the socket, → drawn. */
const phases: [number, number, number][] = []
/** Per keystroke: output message → xterm asks for a frame, → that frame runs. */
const frameWaits: [number, number][] = []

/** Presses a key and resolves with the ms from its key-down to `expect` drawn in the rows. */
async function echoOf(page: Page, key: string, expect: string): Promise<number> {
  const seen = page.evaluate((t) => (window as unknown as { __benchWatch(t: string): Promise<number> }).__benchWatch(t), expect)
  await page.keyboard.press(key)
  const at = await seen
  const [keyAt, sentAt, outputAt] = (await page.evaluate('[window.__benchKeyAt, window.__benchSentAt, window.__benchOutputAt]')) as number[]
  if (key.length === 1) phases.push([sentAt! - keyAt!, outputAt! - sentAt!, at - outputAt!])
  const frames = (await page.evaluate('window.__benchFrames.splice(0)')) as [number, number][]
  const frame = frames.find(([asked]) => asked >= outputAt!)
  if (key.length === 1 && frame) frameWaits.push([frame[0] - outputAt!, frame[1] - frame[0]])
  return at - keyAt!
}

async function cliCatMs(container: string): Promise<number> {
  const t0 = performance.now()
  await new Promise<void>((resolve, reject) => {
    const p = spawn('docker', ['exec', '-t', container, 'cat', FILE], { stdio: ['ignore', 'ignore', 'inherit'] })
    p.on('error', reject)
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`docker exec cat exited ${code}`))))
  })
  return performance.now() - t0
}

/** The same echo without the page: exec:input through main's router → the exec → the output message. */
async function mainEcho(services: Services, containerId: string, keys: number): Promise<number[]> {
  const router = new Router(services)
  const session = new ClientSession()
  let sessionId = ''
  let onOutput: (() => void) | null = null
  const out = router.subscribe(
    session,
    'exec:session',
    { id: containerId, cols: 120, rows: 40 },
    {
      message: (_sub, data) => {
        const m = data as ExecMessage
        if (m.kind === 'started') sessionId = m.sessionId
        else if (m.kind === 'output') onOutput?.()
      },
      end: () => undefined,
    },
  )
  if (!out.ok) throw new Error(out.error.message)
  while (!sessionId) await new Promise((r) => setTimeout(r, 20))
  await new Promise((r) => setTimeout(r, 500))
  const times: number[] = []
  for (let i = 0; i < keys; i++) {
    if (i % PER_LINE === 0) await router.invoke('exec:input', { sessionId, data: '\x15' })
    await new Promise((r) => setTimeout(r, 30))
    const echoed = new Promise<void>((r) => (onOutput = r))
    const t0 = performance.now()
    await router.invoke('exec:input', { sessionId, data: 'x' })
    await echoed
    times.push(performance.now() - t0)
  }
  router.closeSession(session)
  await services.domains.exec.settled()
  return times
}

/** The same echo over browser mode's WebSocket from a Node client: the carrier without Chromium. */
async function socketEcho(serverUrl: string, containerId: string, keys: number): Promise<number[]> {
  const url = new URL(serverUrl)
  // The token rides in the link's fragment; the page presents it on the socket, as this does.
  const ws = new WebSocket(`ws://${url.host}/ws?token=${splitToken(url.hash).token}`, { origin: `http://${url.host}` })
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
  let sessionId = ''
  let onOutput: (() => void) | null = null
  ws.on('message', (raw) => {
    const f = JSON.parse(String(raw)) as { kind: string; data?: ExecMessage }
    if (f.kind !== 'message' || !f.data) return
    if (f.data.kind === 'started') sessionId = f.data.sessionId
    else if (f.data.kind === 'output') onOutput?.()
  })
  let id = 1
  const input = (data: string) => ws.send(JSON.stringify({ kind: 'invoke', id: ++id, channel: 'exec:input', params: { sessionId, data } }))
  ws.send(JSON.stringify({ kind: 'subscribe', id: 1, topic: 'exec:session', params: { id: containerId, cols: 120, rows: 40 } }))
  while (!sessionId) await new Promise((r) => setTimeout(r, 20))
  await new Promise((r) => setTimeout(r, 500))
  const times: number[] = []
  for (let i = 0; i < keys; i++) {
    if (i % PER_LINE === 0) input('\x15')
    await new Promise((r) => setTimeout(r, 30))
    const echoed = new Promise<void>((r) => (onOutput = r))
    const t0 = performance.now()
    input('x')
    await echoed
    times.push(performance.now() - t0)
  }
  ws.close()
  return times
}

void runBench(NAME, async (addCleanup) => {
  const { id: benchId, labels } = benchLabels(NAME)
  addCleanup(() => removeLabelled(benchId))
  const c = await docker.createContainer({ Image: IMAGE, name: `${benchId}-shell`, Cmd: ['sleep', '100000'], Labels: labels, HostConfig: { Init: true, NetworkMode: 'none' } })
  await c.start()
  // 10 MiB of 56-byte text lines.
  const make = await c.exec({ Cmd: ['sh', '-c', `yes "the quick brown fox jumps over the lazy dog 0123456789" | head -c ${FILE_BYTES} > ${FILE}`] })
  await (await make.start({})).resume()
  for (let i = 0; i < 100 && (await make.inspect()).Running; i++) await new Promise((r) => setTimeout(r, 100))

  // The page talks to browser mode in its own process, as in use; main's services in this
  // process serve only the "main alone" reference.
  const berth = await startBerth()
  addCleanup(() => berth.close())
  const web = await startWebProcess()
  addCleanup(() => web.close())
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true })
  addCleanup(() => browser.close())
  const page = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } })).newPage()
  await page.addInitScript(INIT)
  await page.goto(web.url)
  const base = web.url.replace(/[?#].*$/, '')
  await page.goto(`${base}#/containers/${c.id}?tab=terminal`)
  await waitFor(page, `!!document.querySelector('.xterm-rows') && document.querySelector('.xterm-rows').textContent.includes('/ #')`, 20_000)
  await page.locator('.xterm-screen').click()

  // 0. Main alone, for where the time goes.
  const mainOnly = summarize(await mainEcho(berth.services, c.id, KEYSTROKES))
  const overSocket = summarize(await socketEcho(web.url, c.id, KEYSTROKES))

  // 1. Echo: lines of ": rN <letters>" (the null command), each letter timed.
  log(NAME, `keystroke echo: ${KEYSTROKES} keys`)
  const echoes: number[] = []
  for (let line = 0; echoes.length < KEYSTROKES; line++) {
    let typed = `: r${line} `
    await page.keyboard.type(typed)
    await page.evaluate((t) => (window as unknown as { __benchWatch(t: string): Promise<number> }).__benchWatch(t), typed)
    for (let i = 0; i < PER_LINE && echoes.length < KEYSTROKES; i++) {
      const ch = String.fromCharCode(97 + ((line * 7 + i) % 26))
      typed += ch
      echoes.push(await echoOf(page, ch, typed))
    }
    await page.keyboard.press('Enter')
  }
  const echo = summarize(echoes)
  const phase = (i: number) => summarize(phases.map((p) => p[i]!))
  const [toSend, roundTrip, toDom] = [phase(0), phase(1), phase(2)]
  const [toAsk, frameWait] = [0, 1].map((i) => summarize(frameWaits.map((f) => f[i]!)))

  // 2. cat of 10 MiB: Enter → the marker after it in the rows; the CLI to /dev/null as reference.
  const berthCat: number[] = []
  const cliCat: number[] = []
  const longTasks: { count: number; maxMs: number; totalMs: number }[] = []
  for (let round_ = 0; round_ < CAT_ROUNDS; round_++) {
    cliCat.push(await cliCatMs(c.id))
    await page.keyboard.type(`clear; cat ${FILE}; echo CAT-DONE-$((${round_}+1000))`)
    const start = (await page.evaluate('performance.now()')) as number
    const ms = await echoOf(page, 'Enter', `CAT-DONE-${round_ + 1000}`)
    berthCat.push(ms)
    const tasks = ((await page.evaluate('window.__benchLongTasks')) as [number, number][]).filter(([t]) => t >= start)
    longTasks.push({ count: tasks.length, maxMs: Math.max(0, ...tasks.map(([, d]) => d)), totalMs: tasks.reduce((a, [, d]) => a + d, 0) })
    log(NAME, `cat round ${round_ + 1}: Berth ${round(ms)} ms, docker exec ${round(cliCat[round_]!)} ms, long tasks ${tasks.length}`)
  }
  const medianOf = (v: number[]) => summarize(v).p50
  const ratio = medianOf(berthCat) / medianOf(cliCat)
  const worst = longTasks.reduce((a, b) => (b.totalMs > a.totalMs ? b : a))

  const metrics: Metric[] = [
    { label: 'Keystroke echo p50 (key-down → drawn in xterm)', value: round(echo.p50), unit: 'ms' },
    { label: 'Keystroke echo p95', value: round(echo.p95), unit: 'ms', budget: BUDGET_ECHO_P95_MS },
    { label: 'Keystroke echo max', value: round(echo.max), unit: 'ms' },
    { label: 'Echo, in the page: key-down → exec:input sent, p50', value: round(toSend.p50), unit: 'ms' },
    { label: 'Echo, socket: exec:input sent → output message received, p50', value: round(roundTrip.p50), unit: 'ms' },
    { label: 'Echo, socket: exec:input sent → output message received, p95', value: round(roundTrip.p95), unit: 'ms' },
    { label: 'Echo, in the page: output message → drawn in the rows, p50', value: round(toDom.p50), unit: 'ms' },
    { label: 'Echo, in the page: output message → drawn in the rows, p95', value: round(toDom.p95), unit: 'ms' },
    { label: 'Echo, in the page: output message → xterm asks for an animation frame, p50', value: round(toAsk!.p50), unit: 'ms' },
    { label: "Echo, in the page: frame asked for → frame runs (the browser's frame clock), p50", value: round(frameWait!.p50), unit: 'ms' },
    { label: 'Echo, in the page: frame asked for → frame runs, p95', value: round(frameWait!.p95), unit: 'ms' },
    { label: 'Echo through main alone p50 (exec:input → output message, no page)', value: round(mainOnly.p50), unit: 'ms', reference: true },
    { label: 'Echo through main alone p95', value: round(mainOnly.p95), unit: 'ms', reference: true },
    { label: 'Echo over the WebSocket from a Node client p50 (the carrier without Chromium)', value: round(overSocket.p50), unit: 'ms', reference: true },
    { label: 'Echo over the WebSocket from a Node client p95', value: round(overSocket.p95), unit: 'ms', reference: true },
    { label: '`cat` 10 MiB shown in the terminal (median)', value: round(medianOf(berthCat)), unit: 'ms' },
    { label: '`docker exec -t … cat` 10 MiB to /dev/null (median)', value: round(medianOf(cliCat)), unit: 'ms', reference: true },
    { label: '`cat` in the terminal vs `docker exec` (ratio)', value: round(ratio, 2), unit: 'x' },
    { label: 'Long tasks during the `cat` (worst round)', value: worst.count, unit: 'count' },
    { label: 'Longest task during the `cat`', value: round(Math.max(...longTasks.map((l) => l.maxMs))), unit: 'ms' },
    { label: 'Long tasks’ total during the `cat` (worst round)', value: round(worst.totalMs), unit: 'ms' },
  ]
  return {
    title: 'Terminal: keystroke echo and a 10 MiB cat',
    metrics,
    notes: [
      'Browser mode runs as its own process (`node out/main/web.js`), as a person starts it; main\'s services in the bench process serve only the "main alone" reference.',
      `Engine ${await engineVersion()}; busybox sh in the container; Chromium headless with WebGL off (xterm's DOM renderer, so rows can be watched), 1280×800.`,
      `Echo: ${echo.n} keys typed as lines of \`: rN <letters>\`; each time is from the page's key-down event to a MutationObserver seeing the text in xterm's rows (includes xterm's render on the next animation frame). min ${round(echo.min)}, mean ${round(echo.mean)} ms.`,
      "Where the echo goes: in the page (key-down → exec:input handed to the WebSocket), the socket round trip (that → the output frame arriving in the page; main, the engine and the TTY in between), and drawing (→ xterm's rows in the DOM, one animation frame). References for the round trip: the same echo driven inside main's process through the router (no carrier), and over the WebSocket from a Node client (the carrier without Chromium); the gap to the page's round trip is mostly Chromium holding the message until the frame after the key is drawn (see Drawing).",
      "Drawing: after a key xterm writes the echo at once (its WriteBuffer skips its setTimeout when the user just typed) and asks for one animation frame, where its DOM renderer draws the rows. Chromium runs a socket message that arrives while the page is producing frames only after the next frame; xterm's DOM renderer blinked the cursor with an endless CSS animation, so the page always was, and each echo waited for a frame before it was handled and for another to be drawn (p50 24.9 ms, p95 36.1 ms on 2026-11-23). Berth now blinks that cursor with a class toggled twice a second and held solid while typing (src-renderer/features/terminal/cursor-blink.ts), so the message is handled on arrival and drawn in the next frame.",
      `cat: a ${FILE_BYTES / 1024 / 1024} MiB text file (56-byte lines), ${CAT_ROUNDS} rounds; Berth: from the Enter key-down to the marker echoed after the cat drawn in the rows; reference: \`docker exec -t\` with the CLI's output to /dev/null, timed from spawn to exit. Rounds: Berth ${berthCat.map((v) => round(v)).join(', ')} ms; CLI ${cliCat.map((v) => round(v)).join(', ')} ms.`,
      `Long tasks (>50 ms, PerformanceObserver) from the Enter to the marker, per round: ${longTasks.map((l) => `${l.count} (max ${round(l.maxMs)} ms)`).join('; ')}.`,
      'Run once on a machine shared with other work (2 cores): figures are indicative.',
    ],
  }
})
