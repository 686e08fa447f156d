// Volume export: a 200 MiB volume written to a .tar file by Berth (`volumes:export`: a helper
// container created but never started, the engine's archive of its mount streamed to the file)
// vs `docker run --rm -v VOL:/v berth-test/busybox tar -c /v > file` on the same volume, in the
// same run, alternating which goes first, median of the rounds each.
//
//   npx tsx bench/volume-export.ts          (BENCH_VOLUME_MIB=200, BENCH_VOLUME_ROUNDS=3)
import { spawn } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Router } from '../src-main/transport/router'
import { startServices } from '../tests/helpers/engine'
import { ScriptedDialogs } from '../tests/helpers/scripted-dialogs'
import { benchLabels, log, round, runBench, summarize, type Metric } from './lib/common'
import { docker, engineUrl, engineVersion, IMAGE, removeLabelled } from './lib/engine'

const NAME = 'volume-export'
const MIB = Number(process.env.BENCH_VOLUME_MIB ?? 200)
const ROUNDS = Math.max(3, Number(process.env.BENCH_VOLUME_ROUNDS ?? 3))
const FILES = 4
/** Berth's export may take at most 1.2 times the CLI's `docker run … tar`. */
const BUDGET_X = 1.2

/** The reference: a container that runs tar over the mounted volume, its stdout into the file. */
function viaCli(volume: string, file: string, labels: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const out = openSync(file, 'w')
    const t = performance.now()
    const labelArgs = Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`])
    const child = spawn('docker', ['run', '--rm', ...labelArgs, '--network', 'none', '-v', `${volume}:/v`, IMAGE, 'busybox', 'tar', '-c', '/v'], { stdio: ['ignore', out, 'pipe'] })
    // tar's "removing leading '/'" note is kept for the error message only.
    let stderr = ''
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('error', reject)
    child.on('exit', (code) => {
      closeSync(out)
      if (code === 0) resolve(performance.now() - t)
      else reject(new Error(`docker run … tar exited with ${code}: ${stderr.trim()}`))
    })
  })
}

void runBench(NAME, async (addCleanup) => {
  const { id, labels } = benchLabels('volume')
  const volume = `berth-bench-${id}`
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-volume-'))
  addCleanup(() => rmSync(dir, { recursive: true, force: true }))
  addCleanup(async () => log(NAME, `removed ${await removeLabelled(id)} containers`))
  addCleanup(() => docker.getVolume(volume).remove({ force: true }))

  await docker.createVolume({ Name: volume, Labels: labels })
  const each = Math.floor(MIB / FILES)
  const fill = Array.from({ length: FILES }, (_, i) => `busybox head -c ${each * 1024 * 1024} /dev/urandom > /v/part-${i}.bin`).join(' && ')
  const filler = await docker.createContainer({
    Image: IMAGE,
    name: `berth-bench-${id}-fill`,
    Cmd: ['sh', '-c', fill],
    Labels: labels,
    HostConfig: { NetworkMode: 'none', Mounts: [{ Type: 'volume', Source: volume, Target: '/v' }] },
  })
  let t = performance.now()
  await filler.start()
  const exit = (await filler.wait()) as { StatusCode: number }
  if (exit.StatusCode !== 0) throw new Error(`filling the volume failed (exit ${exit.StatusCode})`)
  await filler.remove()
  log(NAME, `filled ${volume} with ${FILES} × ${each} MiB of random bytes in ${round((performance.now() - t) / 1000)} s`)

  // Main as Electron runs it, its save dialog answering each round's file.
  const dialogs = new ScriptedDialogs()
  const berth = await startServices(engineUrl(), dialogs)
  addCleanup(() => berth.dispose())
  if (berth.services.connection.getStatus().state !== 'connected') throw new Error(`Berth did not connect to ${engineUrl()}`)
  const router = new Router(berth.services)
  const viaBerth = async (file: string): Promise<number> => {
    dialogs.saveTo = file
    const start = performance.now()
    const out = await router.invoke('volumes:export', { name: volume })
    if (!out.ok) throw new Error(`volumes:export: ${out.error.message}`)
    return performance.now() - start
  }

  const cli: number[] = []
  const mine: number[] = []
  const sizes = { cli: 0, berth: 0 }
  for (let i = 0; i < ROUNDS; i++) {
    const berthFile = join(dir, `berth-${i}.tar`)
    const cliFile = join(dir, `cli-${i}.tar`)
    // Alternate which goes first, so neither always meets a warm page cache.
    if (i % 2 === 0) {
      mine.push(await viaBerth(berthFile))
      cli.push(await viaCli(volume, cliFile, labels))
    } else {
      cli.push(await viaCli(volume, cliFile, labels))
      mine.push(await viaBerth(berthFile))
    }
    sizes.berth = statSync(berthFile).size
    sizes.cli = statSync(cliFile).size
    rmSync(berthFile)
    rmSync(cliFile)
    log(NAME, `round ${i + 1} (${i % 2 === 0 ? 'Berth first' : 'CLI first'}): Berth ${round(mine[i]!)} ms, docker run … tar ${round(cli[i]!)} ms`)
  }
  const expected = each * FILES * 1024 * 1024
  for (const [who, size] of Object.entries(sizes)) if (size < expected) throw new Error(`${who}'s archive holds ${size} bytes, less than the ${expected} in the volume`)
  t = performance.now()
  const cliMs = summarize(cli).p50
  const berthMs = summarize(mine).p50
  const mibPerS = (ms: number) => round(expected / 1024 / 1024 / (ms / 1000))
  const metrics: Metric[] = [
    { label: '`docker run --rm -v VOL:/v busybox tar -c /v > file`, median', value: round(cliMs), unit: 'ms', reference: true },
    { label: 'Berth `volumes:export` to a file, median', value: round(berthMs), unit: 'ms' },
    { label: 'Berth time ÷ CLI time', value: round(berthMs / cliMs, 2), unit: 'x', budget: BUDGET_X },
  ]
  return {
    title: 'Volume export',
    metrics,
    notes: [
      `A volume of ${FILES} files × ${each} MiB of random bytes; Docker Engine ${await engineVersion()}. Archives: Berth ${sizes.berth} bytes, CLI ${sizes.cli} bytes; rates ${mibPerS(berthMs)} MiB/s (Berth) and ${mibPerS(cliMs)} MiB/s (CLI).`,
      `${ROUNDS} rounds, alternating which goes first; medians. Berth: the router's \`volumes:export\` with a file target (main in this process), timed from the request to the file closed, helper container created and removed included. CLI: the container created, started, tar run and removed.`,
    ],
  }
})
