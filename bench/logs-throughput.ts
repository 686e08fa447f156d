// Log throughput: a container that printed `seq 1 1000000`; time until all its lines have been
// emitted by Berth's `logs` source in main, and received by a browser-mode WebSocket client, vs
// raw `docker logs CONTAINER > /dev/null` on the same container, in the same run (alternating,
// median of 3 each).
//
//   npx tsx bench/logs-throughput.ts          (BENCH_LOG_LINES=1000000, BENCH_LOG_ROUNDS=3)
import { spawn } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import WebSocket from 'ws'
import type { LogMessage } from '../src-shared/contract/logs'
import type { ServerFrame } from '../src-shared/protocol'
import { Router } from '../src-main/transport/router'
import { ClientSession } from '../src-main/transport/router'
import { startBerth } from './lib/berth'
import { benchLabels, log, round, runBench, summarize, type Metric } from './lib/common'
import { docker, engineVersion, IMAGE, removeLabelled } from './lib/engine'

const NAME = 'logs-throughput'
const LINES = Number(process.env.BENCH_LOG_LINES ?? 1_000_000)
const ROUNDS = Number(process.env.BENCH_LOG_ROUNDS ?? 3)
/** Berth must reach half the raw CLI's rate: its time at most twice the CLI's. */
const BUDGET_X = 2

interface Tally {
  ms: number
  lines: number
  last: string
  messages: number
}

function rawCli(container: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const devNull = openSync('/dev/null', 'w')
    const t = performance.now()
    const child = spawn('docker', ['logs', container], { stdio: ['ignore', devNull, devNull] })
    child.on('error', reject)
    child.on('exit', (code) => {
      closeSync(devNull)
      if (code === 0) resolve(performance.now() - t)
      else reject(new Error(`docker logs exited with ${code}`))
    })
  })
}

function count(message: LogMessage, tally: Tally): boolean {
  tally.messages++
  if (message.kind === 'lines') {
    tally.lines += message.lines.length
    tally.last = message.lines[message.lines.length - 1]?.text ?? tally.last
  }
  return message.kind === 'done'
}

/** Subscribes in main, as a carrier would, and counts lines until `done`. */
function inMain(router: Router, container: string): Promise<Tally> {
  return new Promise((resolve, reject) => {
    const session = new ClientSession()
    const tally: Tally = { ms: 0, lines: 0, last: '', messages: 0 }
    const t = performance.now()
    const out = router.subscribe(
      session,
      'logs:lines',
      { id: container, tail: 'all', follow: false },
      {
        message: (_sub, data) => {
          if (count(data as LogMessage, tally)) {
            tally.ms = performance.now() - t
            router.closeSession(session)
            resolve(tally)
          }
        },
        end: (_sub, error) => error && reject(new Error(error.message)),
      },
    )
    if (!out.ok) reject(new Error(out.error.message))
  })
}

/** A browser-mode client on the WebSocket: counts lines as they arrive, parsed from JSON. */
function overWebSocket(port: number, origin: string, token: string, container: string): Promise<Tally> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, { origin })
    const tally: Tally = { ms: 0, lines: 0, last: '', messages: 0 }
    let t = 0
    ws.on('open', () => {
      t = performance.now()
      ws.send(JSON.stringify({ kind: 'subscribe', id: 1, topic: 'logs:lines', params: { id: container, tail: 'all', follow: false } }))
    })
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as ServerFrame
      if (frame.kind === 'result' && !frame.ok) reject(new Error(frame.error.message))
      if (frame.kind === 'end' && frame.error) reject(new Error(frame.error.message))
      if (frame.kind === 'message' && count(frame.data as LogMessage, tally)) {
        tally.ms = performance.now() - t
        ws.close()
        resolve(tally)
      }
    })
    ws.on('close', () => reject(new Error(`socket closed after ${tally.lines} lines`)))
    ws.on('error', reject)
  })
}

void runBench(NAME, async (addCleanup) => {
  const { id, labels } = benchLabels('logs')
  addCleanup(async () => log(NAME, `removed ${await removeLabelled(id)} containers`))
  const c = await docker.createContainer({ Image: IMAGE, name: `berth-bench-${id}`, Cmd: ['seq', '1', String(LINES)], Labels: labels, HostConfig: { NetworkMode: 'none' } })
  let t = performance.now()
  await c.start()
  await c.wait()
  log(NAME, `container printed ${LINES} lines in ${round((performance.now() - t) / 1000)} s`)

  const berth = await startBerth()
  addCleanup(() => berth.close())
  const router = new Router(berth.services)
  const raw: number[] = []
  const main: Tally[] = []
  const socket: Tally[] = []
  for (let i = 0; i < ROUNDS; i++) {
    raw.push(await rawCli(c.id))
    main.push(await inMain(router, c.id))
    socket.push(await overWebSocket(berth.server.port, berth.server.origin, berth.server.token, c.id))
    log(NAME, `round ${i + 1}: docker logs ${round(raw[i]!)} ms, Berth main ${round(main[i]!.ms)} ms, WebSocket client ${round(socket[i]!.ms)} ms`)
  }
  for (const tally of [...main, ...socket]) {
    if (tally.lines !== LINES || tally.last !== String(LINES)) throw new Error(`Berth delivered ${tally.lines} lines ending with "${tally.last}", not ${LINES}`)
  }
  t = performance.now()
  const rawMs = summarize(raw).p50
  const mainMs = summarize(main.map((m) => m.ms)).p50
  const wsMs = summarize(socket.map((m) => m.ms)).p50
  const rate = (ms: number) => Math.round(LINES / (ms / 1000))
  const metrics: Metric[] = [
    { label: '`docker logs CONTAINER > /dev/null`, median', value: round(rawMs), unit: 'ms', reference: true },
    { label: 'Berth logs source in main: all lines emitted, median', value: round(mainMs), unit: 'ms' },
    { label: 'Browser-mode WebSocket client: all lines received and parsed, median', value: round(wsMs), unit: 'ms' },
    { label: 'Raw CLI rate', value: rate(rawMs), unit: 'lines/s', reference: true },
    { label: 'Berth main rate', value: rate(mainMs), unit: 'lines/s' },
    { label: 'WebSocket client rate', value: rate(wsMs), unit: 'lines/s' },
    { label: 'Berth main time ÷ raw CLI time (≤ 2x means ≥ 50% of its rate)', value: round(mainMs / rawMs, 2), unit: 'x', budget: BUDGET_X },
    { label: 'WebSocket client time ÷ raw CLI time', value: round(wsMs / rawMs, 2), unit: 'x', budget: BUDGET_X },
    { label: 'Messages per 1M lines (batches, main)', value: Math.round((main[0]!.messages * 1_000_000) / LINES), unit: 'count' },
  ]
  return {
    title: 'Log throughput',
    metrics,
    notes: [
      `One container that printed \`seq 1 ${LINES}\` (json-file log driver); Docker Engine ${await engineVersion()}.`,
      `${ROUNDS} rounds, each: raw CLI, then Berth in main (a subscription through the router, counting lines until \`done\`), then a WebSocket client of browser mode (Node \`ws\`, parsing every frame). Medians; the CLI writes to /dev/null.`,
      'Timed from the request to the last line; both sides read the same json-file log through dockerd, which dominates.',
    ],
  }
})
