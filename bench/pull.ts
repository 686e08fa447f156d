// Pull through Berth's services (the `pull` topic: per-layer aggregation, ~10 snapshots a second)
// against `docker pull` of the same image from a local registry, in the same run. The image is
// removed between runs and the order alternates, so neither side profits from the other.
//
//   npx tsx bench/pull.ts              (BENCH_PULL_RUNS=6 per side by default)
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { TransferMessage } from '../src-shared/contract/transfer'
import { startRegistry } from '../tests/helpers/registry'
import { startBerth } from './lib/berth'
import { benchLabels, log, round, runBench, summarize, type Metric } from './lib/common'
import { docker, IMAGE } from './lib/engine'

const NAME = 'pull'
const RUNS = Math.max(5, Number(process.env.BENCH_PULL_RUNS ?? 6))
const BUDGET_RATIO = 1.1
const LAYERS_MB = [6, 4, 2]
const run = promisify(execFile)

async function cli(...args: string[]): Promise<void> {
  await run('docker', args, { maxBuffer: 16 * 1024 * 1024 })
}

async function removeImage(ref: string): Promise<void> {
  await docker
    .getImage(ref)
    .remove({ force: true })
    .catch((err: { statusCode?: number }) => {
      if (err.statusCode !== 404) throw err
    })
}

void runBench(NAME, async (addCleanup) => {
  const { id, labels } = benchLabels('pull')
  const registry = await startRegistry()
  addCleanup(() => registry.stop())
  const ref = `${registry.host}/bench/pull:${id}`
  addCleanup(() => removeImage(ref))

  // A few MB in three fresh layers on top of the test image, in the registry only.
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-pull-'))
  try {
    const lines = [`FROM ${IMAGE}`, ...LAYERS_MB.map((mb, i) => `RUN head -c ${mb * 1000 * 1000} /dev/urandom > /layer${i}`)]
    writeFileSync(join(dir, 'Dockerfile'), `${lines.join('\n')}\n`)
    await cli('build', '-q', ...Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]), '-t', ref, dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  await cli('push', ref)
  await removeImage(ref)

  const berth = await startBerth()
  addCleanup(() => berth.close())
  const services = berth.services

  /** One pull through the registry the router uses: subscribe, wait for the end. */
  const berthPull = () =>
    new Promise<{ ms: number; messages: number }>((resolve, reject) => {
      const transferId = services.domains.images.newTransferId()
      const t = performance.now()
      let messages = 0
      let done = false
      services.streams.subscribe(`pull:${transferId}`, () => services.domains.images.pullSource(ref, undefined, transferId), {
        onMessage: (m: TransferMessage) => {
          messages++
          if (m.kind === 'done') done = true
        },
        onEnd: (error) => (error || !done ? reject(new Error(error?.message ?? 'ended without done')) : resolve({ ms: performance.now() - t, messages })),
      })
    })
  const cliPull = async () => {
    const t = performance.now()
    await cli('pull', '-q', ref)
    return performance.now() - t
  }
  /** The engine's own stream read raw by this process (no CLI start-up, no Berth): the floor. */
  const rawPull = async () => {
    const t = performance.now()
    const stream = await docker.pull(ref)
    await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve())))
    return performance.now() - t
  }

  // Warm-up: one of each, not counted (first use of the registry, the page cache).
  await berthPull()
  await removeImage(ref)
  await cliPull()
  await removeImage(ref)

  const berthMs: number[] = []
  const cliMs: number[] = []
  const rawMs: number[] = []
  const messageCounts: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const order = i % 2 === 0 ? (['berth', 'cli', 'raw'] as const) : (['raw', 'cli', 'berth'] as const)
    for (const side of order) {
      if (side === 'berth') {
        const r = await berthPull()
        berthMs.push(r.ms)
        messageCounts.push(r.messages)
      } else if (side === 'cli') cliMs.push(await cliPull())
      else rawMs.push(await rawPull())
      await removeImage(ref)
    }
    log(NAME, `round ${i + 1}: berth ${round(berthMs[i]!)} ms, docker pull ${round(cliMs[i]!)} ms, raw API ${round(rawMs[i]!)} ms`)
  }
  const b = summarize(berthMs)
  const c = summarize(cliMs)
  const r = summarize(rawMs)
  const metrics: Metric[] = [
    { label: `Pull through Berth (pull topic), p50 of ${RUNS}`, value: round(b.p50), unit: 'ms' },
    { label: `\`docker pull\` of the same image, p50 of ${RUNS}`, value: round(c.p50), unit: 'ms', reference: true },
    { label: 'Berth ÷ docker pull (p50 ÷ p50)', value: round(b.p50 / c.p50, 2), unit: 'x', budget: BUDGET_RATIO },
    { label: `Engine API stream read raw (dockerode, no progress handling), p50 of ${RUNS}`, value: round(r.p50), unit: 'ms', reference: true },
    { label: 'Berth ÷ raw engine stream (what progress handling costs)', value: round(b.p50 / r.p50, 2), unit: 'x' },
    { label: 'Messages Berth sent per pull (started, progress snapshots, done), p50', value: summarize(messageCounts).p50, unit: 'count' },
  ]
  return {
    title: 'Pull: Berth vs docker pull',
    metrics,
    notes: [
      `Image: the test image plus three random layers (${LAYERS_MB.join(' + ')} MB), pushed to a local docker-registry on 127.0.0.1; removed after every pull.`,
      `${RUNS} rounds, each side once per round, the order reversed every other round; one unmeasured warm-up of Berth and the CLI first.`,
      "Berth: the pull topic's source opened through the stream registry in this process (as the router does), timed from subscribe to the end after `done` (which includes reading the new image id).",
      '`docker pull -q` includes the CLI process start-up (tens of ms); the raw stream read is the floor both are measured against.',
      `Spread: Berth min ${round(b.min)} / max ${round(b.max)} ms; docker pull min ${round(c.min)} / max ${round(c.max)} ms; raw min ${round(r.min)} / max ${round(r.max)} ms.`,
    ],
  }
})
