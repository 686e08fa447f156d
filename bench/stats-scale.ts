// Stats at scale: 50 running containers with the list's stats columns live for 60 s. Berth's main
// process is browser mode exactly as a person starts it (`node out/main/web.js`), with one
// WebSocket client subscribed to `stats:snapshots` for all 50, as the list subscribes its visible
// rows; its CPU time is read from /proc/<pid>/stat. The `docker stats` CLI for the same 50
// containers takes turns with it (Berth 30 s, CLI 30 s, twice), so background load on the shared
// machine falls on both alike. dockerd's CPU is read in every window.
//
//   npx tsx bench/stats-scale.ts        (BENCH_STATS_RUNNING=50, BENCH_STATS_SECONDS=60 by default)
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import WebSocket from 'ws'
import type { StatsSnapshot } from '../src-shared/contract/stats'
import { splitToken } from '../src-shared/browser-link'
import type { ServerFrame } from '../src-shared/protocol'
import { FEED_LINGER_MS } from '../src-main/engine/stats/hub'
import { benchLabels, log, round, runBench, sleep, type Metric } from './lib/common'
import { createContainers, docker, engineUrl, removeLabelled, startContainers } from './lib/engine'
import { CLK_TCK, cpuTicks, pidOf } from './lib/proc'

const NAME = 'stats-scale'
const RUNNING = Number(process.env.BENCH_STATS_RUNNING ?? 50)
const WINDOW_S = Number(process.env.BENCH_STATS_SECONDS ?? 60)
/** Each side's time is split into this many windows, Berth and the CLI taking turns. */
const ROUNDS = 2
const SETTLE_MS = 3000
const BUDGET_RATIO = 1
const WEB_JS = resolve(__dirname, '../out/main/web.js')

interface Measured {
  self: number
  dockerd: number | null
  seconds: number
}

function total(ms: Measured[]): Measured {
  return {
    self: ms.reduce((a, m) => a + m.self, 0),
    dockerd: ms.some((m) => m.dockerd === null) ? null : ms.reduce((a, m) => a + m.dockerd!, 0),
    seconds: ms.reduce((a, m) => a + m.seconds, 0),
  }
}

/** CPU seconds of `pid` and of dockerd over one window (WINDOW_S / ROUNDS). */
async function measure(pid: number, dockerd: number | null): Promise<Measured> {
  const before = cpuTicks(pid)
  const dBefore = dockerd ? cpuTicks(dockerd) : null
  const started = performance.now()
  await sleep((WINDOW_S / ROUNDS) * 1000)
  const after = cpuTicks(pid)
  const dAfter = dockerd ? cpuTicks(dockerd) : null
  if (before === null || after === null) throw new Error(`process ${pid} went away during the window`)
  return {
    self: (after - before) / CLK_TCK,
    dockerd: dBefore !== null && dAfter !== null ? (dAfter - dBefore) / CLK_TCK : null,
    seconds: (performance.now() - started) / 1000,
  }
}

void runBench(NAME, async (addCleanup) => {
  const { id, labels } = benchLabels('stats')
  addCleanup(async () => log(NAME, `removed ${await removeLabelled(id)} containers`))
  log(NAME, `starting ${RUNNING} containers (${id})`)
  const names = Array.from({ length: RUNNING }, (_, i) => `berth-bench-${id}-${String(i).padStart(2, '0')}`)
  const ids = await createContainers(names, labels, ['sleep', '100000'])
  await startContainers(ids)
  const dockerd = pidOf('dockerd')

  // Browser mode in its own process with its own config dir.
  const configDir = mkdtempSync(join(tmpdir(), 'berth-bench-config-'))
  addCleanup(() => rmSync(configDir, { recursive: true, force: true }))
  const web = spawn(process.execPath, [WEB_JS, '--no-open', '--port', '0', '--engine', engineUrl()], {
    env: { ...process.env, BERTH_CONFIG_DIR: configDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  addCleanup(() => {
    if (web.exitCode === null) web.kill('SIGTERM')
  })
  const url = new URL(
    await new Promise<string>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error('browser mode did not print its URL within 15 s')), 15000)
      web.once('exit', (code) => fail(new Error(`browser mode exited early (${code})`)))
      createInterface({ input: web.stdout! }).on('line', (line) => {
        const m = /running at (\S+)/.exec(line)
        if (m) {
          clearTimeout(timer)
          ok(m[1]!)
        }
      })
    }),
  )

  const ws = new WebSocket(`ws://${url.host}/ws?token=${splitToken(url.hash).token}`, { origin: url.origin })
  addCleanup(() => ws.close())
  await new Promise<void>((ok, fail) => {
    ws.once('open', () => ok())
    ws.once('error', fail)
  })

  // Engine events from other processes on this machine reach Berth too (its event stream re-reads
  // changed rows); count them per window.
  const eventTimes: number[] = []
  const events = (await docker.getEvents({})) as NodeJS.ReadableStream & { destroy(): void }
  addCleanup(() => events.destroy())
  events.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) eventTimes.push(performance.now())
  })
  const eventsSince = (t: number) => eventTimes.filter((x) => x >= t).length

  // The list's stats columns: one subscription for every visible running row.
  let counting = false
  let messages = 0
  let perMessage = 0
  let nextId = 1
  const berthWindow = async () => {
    const requestId = nextId++
    let sub = ''
    let onReady: () => void = () => undefined
    const ready = new Promise<void>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error('Berth did not have figures for every container within 30 s')), 30_000)
      onReady = () => {
        clearTimeout(timer)
        ok()
      }
    })
    const onFrame = (raw: Buffer) => {
      const frame = JSON.parse(raw.toString()) as ServerFrame
      if (frame.kind === 'result' && frame.id === requestId && frame.ok) sub = frame.value as string
      if (frame.kind !== 'message' || frame.sub !== sub) return
      const snaps = frame.data as StatsSnapshot[]
      if (counting) {
        messages++
        perMessage = Math.max(perMessage, snaps.length)
      }
      if (snaps.length === ids.length && snaps.every((x) => x.cpuPercent !== null)) onReady()
    }
    ws.on('message', onFrame)
    ws.send(JSON.stringify({ kind: 'subscribe', id: requestId, topic: 'stats:snapshots', params: { ids } }))
    await ready
    await sleep(SETTLE_MS)
    counting = true
    const m = await measure(web.pid!, dockerd)
    counting = false
    ws.send(JSON.stringify({ kind: 'unsubscribe', sub }))
    ws.off('message', onFrame)
    if (web.exitCode !== null) throw new Error(`browser mode exited during the window (${web.exitCode})`)
    // Released feeds linger 3 s before their engine streams close.
    await sleep(FEED_LINGER_MS + SETTLE_MS)
    return m
  }

  // The docker CLI for the same containers, output read and discarded (it redraws its table every 500 ms).
  const cliWindow = async () => {
    // In its own process group: the CLI passes a signal it gets on to its group, which would include us.
    const cli = spawn('docker', ['stats', ...ids], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DOCKER_HOST: engineUrl() }, detached: true })
    addCleanup(() => cli.exitCode === null && cli.kill('SIGKILL'))
    cli.stdout!.resume()
    await sleep(SETTLE_MS)
    const m = await measure(cli.pid!, dockerd)
    // Measured already; SIGKILL, since the CLI takes its time over SIGINT and relays SIGTERM.
    cli.kill('SIGKILL')
    await new Promise((r) => cli.once('exit', r))
    await sleep(SETTLE_MS)
    return m
  }

  // Alternating windows, so both see the machine's background load alike.
  const berth: Measured[] = []
  const cli: Measured[] = []
  const eventsIn = { berth: 0, cli: 0 }
  for (let round = 0; round < ROUNDS; round++) {
    let t = performance.now()
    log(NAME, `round ${round + 1}/${ROUNDS}: Berth, ${WINDOW_S / ROUNDS} s`)
    berth.push(await berthWindow())
    eventsIn.berth += eventsSince(t)
    t = performance.now()
    log(NAME, `round ${round + 1}/${ROUNDS}: docker stats, ${WINDOW_S / ROUNDS} s`)
    cli.push(await cliWindow())
    eventsIn.cli += eventsSince(t)
  }
  const b = total(berth)
  const c = total(cli)

  const pct = (cpuS: number, s: number) => round((cpuS / s) * 100, 2)
  const metrics: Metric[] = [
    { label: `Berth main process (browser mode), stats:snapshots for ${RUNNING} running containers, CPU`, value: pct(b.self, b.seconds), unit: '%' },
    { label: `docker stats CLI for the same ${RUNNING} containers, CPU`, value: pct(c.self, c.seconds), unit: '%', reference: true },
    { label: 'Berth main ÷ docker stats CLI (CPU time)', value: c.self > 0 ? round(b.self / c.self, 2) : null, unit: 'x', budget: BUDGET_RATIO },
    { label: 'dockerd CPU while Berth watched', value: b.dockerd !== null ? pct(b.dockerd, b.seconds) : null, unit: '%', reference: true },
    { label: 'dockerd CPU while docker stats watched', value: c.dockerd !== null ? pct(c.dockerd, c.seconds) : null, unit: '%', reference: true },
    { label: 'stats:snapshots messages per second (one subscription)', value: round(messages / b.seconds, 2), unit: 'count' },
    { label: 'Containers in each message', value: perMessage, unit: 'count' },
    { label: 'Engine events from other processes: Berth windows / CLI windows', value: eventsIn.berth, unit: 'count', note: `CLI windows: ${eventsIn.cli}` },
  ]
  return {
    title: `Stats at scale: ${RUNNING} containers`,
    metrics,
    notes: [
      `CPU as % of one core over ${round(b.seconds)} s per side (${ROUNDS} alternating windows each), from utime+stime in /proc/<pid>/stat (all threads; CLK_TCK ${CLK_TCK}, so one tick is ${round(100 / CLK_TCK / b.seconds, 3)} %). Berth: \`node out/main/web.js --no-open --port 0\` as its own process (the real main of browser mode, no page), one WebSocket client subscribed to \`stats:snapshots\` for all ${RUNNING} (as the list's visible rows); each window starts after every container had a CPU figure and ${SETTLE_MS / 1000} s of settling, and the subscription is dropped between windows.`,
      `The CLI is \`docker stats <${RUNNING} ids>\` with its output read and discarded (it redraws twice a second). Both hold one engine stats stream per container. The machine is shared with other work (load average above); engine events from other processes make Berth's event stream re-read rows, which counts in Berth's figure.`,
    ],
  }
})
