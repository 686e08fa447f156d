// A dockerd of the test's own, for tests that stop, kill or restart an engine: the shared dockerd
// at /var/run/docker.sock must never be stopped. It runs beside the shared one with everything of
// its own under one temp folder (socket, --data-root, --exec-root with its own containerd,
// --pidfile, an empty --config-file), no bridge and no iptables rules (--bridge=none
// --iptables=false --ip-masq=false), in a network namespace of its own (unshare --net): with
// --bridge=none, dockerd deletes any interface named docker0 it sees, and in the host's namespace
// that is the shared engine's bridge. Its containers get --network none; the socket, a file, is
// reachable from the host as any other.
//
//   const problem = await privateDockerdProblem()        // null, or why it cannot run here
//   describe.skipIf(problem !== null)(…)                 // (REQUIRE_ENGINE=1: fail instead, see below)
//   const dockerd = await PrivateDockerd.start()         // resolves once the engine answers
//   startServices(dockerd.url)                           // Berth on its socket
//   await dockerd.copyImage(TEST_IMAGE)                  // from the shared engine, for containers
//   await dockerd.client.createContainer({ … })          // arrange through its own client
//   await dockerd.stop()                                 // SIGTERM; the socket file goes with it
//   await dockerd.kill()                                 // SIGKILL: the socket file stays, stale
//   await dockerd.restart()                              // the same socket, data and folders
//   await dockerd.dispose()                              // in afterAll: stops it, removes its folder
//
// `stop()` and `kill()` resolve when dockerd has exited; `restart()` (and `start()`) when it answers
// `GET /_ping` and return that instant (epoch ms). It needs root, or sudo without a password.
// dockerd's own log is in `logPath` (kept until dispose), for a test that wants to say why.
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Docker from 'dockerode'
import { engine as sharedEngine } from './engine'

const START_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 30_000
const POLL_MS = 25

const sudo = (): string[] => (process.getuid?.() === 0 ? [] : ['sudo', '-n'])
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** Runs a command as root (directly, or through sudo -n); true when it succeeded. */
function asRoot(cmd: string, args: string[]): boolean {
  const [first, ...rest] = [...sudo(), cmd, ...args]
  return spawnSync(first!, rest, { stdio: 'ignore' }).status === 0
}

function withDeadline<T>(p: Promise<T>, deadline: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('no answer')), Math.max(0, deadline - Date.now()))
    p.then(resolve, reject).finally(() => clearTimeout(t))
  })
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: the process exists but is root's (started through sudo).
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Why a private dockerd cannot run on this machine (no dockerd, no root), or null when it can.
 * A test file skips on a problem, or under REQUIRE_ENGINE=1 fails: call `requirePrivateDockerd()`.
 */
export async function privateDockerdProblem(): Promise<string | null> {
  const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0
  if (!has('dockerd')) return 'dockerd is not installed'
  if (!has('unshare')) return 'unshare (util-linux) is not installed'
  if (sudo().length > 0 && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status !== 0) return 'a private dockerd needs root, or sudo without a password'
  return null
}

/** Like requireEngine(): whether a private dockerd can run; under REQUIRE_ENGINE=1 a problem throws. */
export async function requirePrivateDockerd(): Promise<{ available: boolean }> {
  const problem = await privateDockerdProblem()
  if (problem === null) return { available: true }
  if (process.env.REQUIRE_ENGINE === '1') throw new Error(`${problem}, and REQUIRE_ENGINE=1 makes that a failure`)
  console.warn(`private-dockerd tests skipped: ${problem}`)
  return { available: false }
}

export class PrivateDockerd {
  readonly dir = mkdtempSync(join(tmpdir(), 'berth-dockerd-'))
  /** In a folder of its own, so a test can also take the socket's folder away. */
  readonly socketFolder = join(this.dir, 'run')
  readonly socketPath = join(this.socketFolder, 'docker.sock')
  readonly logPath = join(this.dir, 'dockerd.log')
  private readonly pidFile = join(this.dir, 'dockerd.pid')
  private readonly execRoot = join(this.dir, 'exec')
  /** A dockerode client on this engine's socket. */
  readonly client = new Docker({ socketPath: this.socketPath })
  private pid: number | null = null

  get url(): string {
    return `unix://${this.socketPath}`
  }

  /** Makes one and starts it; resolves once it answers. */
  static async start(): Promise<PrivateDockerd> {
    const d = new PrivateDockerd()
    try {
      await d.restart()
    } catch (err) {
      await d.dispose()
      throw err
    }
    return d
  }

  /** Starts dockerd (again) on the same socket and folders; resolves with the instant it first answered. */
  async restart(): Promise<number> {
    if (this.pid !== null && alive(this.pid)) throw new Error('the private dockerd is running already')
    mkdirSync(this.socketFolder, { recursive: true })
    const config = join(this.dir, 'daemon.json')
    if (!existsSync(config)) writeFileSync(config, '{}\n')
    const args = [
      ...[`--host=${this.url}`, `--data-root=${join(this.dir, 'data')}`, `--exec-root=${this.execRoot}`, `--pidfile=${this.pidFile}`],
      ...[`--config-file=${config}`, '--bridge=none', '--iptables=false', '--ip-masq=false', '--log-level=warn'],
    ]
    const [cmd, ...rest] = [...sudo(), 'unshare', '--net', 'dockerd', ...args]
    writeFileSync(this.logPath, `>> ${new Date().toISOString()} dockerd ${args.join(' ')}\n`, { flag: 'a' })
    const log = openSync(this.logPath, 'a')
    // In this process's group (not detached): an interrupted test run takes it down with it.
    const child = spawn(cmd!, rest, { stdio: ['ignore', log, log] })
    closeSync(log)
    child.unref()
    let exited = false
    child.once('exit', () => (exited = true))
    const deadline = Date.now() + START_TIMEOUT_MS
    for (;;) {
      try {
        // A starting dockerd holds the connection until it serves: this answers the moment it can.
        await withDeadline(this.client.ping(), deadline)
        this.pid = this.readPid()
        return Date.now()
      } catch {
        if (exited) throw new Error(`the private dockerd exited while starting; its log: ${this.logPath}\n${this.logTail()}`)
        if (Date.now() > deadline) throw new Error(`the private dockerd did not answer within ${START_TIMEOUT_MS / 1000} s; its log: ${this.logPath}\n${this.logTail()}`)
        await sleep(POLL_MS)
      }
    }
  }

  /** SIGTERM, as `systemctl stop docker` does; resolves once it has exited (its socket is gone then). */
  stop(): Promise<void> {
    return this.signal('TERM')
  }

  /** SIGKILL: dockerd ends at once and leaves its socket file behind, refusing connections. */
  async kill(): Promise<void> {
    const containerd = this.containerdPid()
    await this.signal('KILL')
    // Its containerd dies with it (a parent-death signal); a dockerd started before that would
    // adopt the dying one and time out waiting for it.
    if (containerd !== null) await this.endProcess(containerd)
  }

  /** Stops it (and the containerd it started), then removes its folder. */
  async dispose(): Promise<void> {
    if (this.pid !== null && alive(this.pid)) await this.stop().catch(() => this.signal('KILL'))
    const containerd = this.containerdPid()
    if (containerd !== null && alive(containerd)) {
      asRoot('kill', ['-s', 'TERM', String(containerd)])
      await this.endProcess(containerd)
    }
    // Mounts left under the data root (a killed engine's overlays) would make removal fail.
    asRoot('sh', ['-c', `grep -o ' ${this.dir}/[^ ]*' /proc/mounts | sort -r | xargs -r umount -l`])
    if (!asRoot('rm', ['-rf', this.dir])) rmSync(this.dir, { recursive: true, force: true })
  }

  private async signal(sig: 'TERM' | 'KILL'): Promise<void> {
    const pid = this.pid ?? this.readPid()
    if (pid === null || !alive(pid)) return
    if (!asRoot('kill', ['-s', sig, String(pid)])) throw new Error(`could not send SIG${sig} to the private dockerd (${pid})`)
    await this.waitForExit(pid)
    this.pid = null
  }

  /** Waits a few seconds for a process to exit, then SIGKILLs it and waits for that. */
  private async endProcess(pid: number): Promise<void> {
    try {
      await this.waitForExit(pid, 5000)
    } catch {
      asRoot('kill', ['-s', 'KILL', String(pid)])
      await this.waitForExit(pid)
    }
  }

  private containerdPid(): number | null {
    return this.readPid(join(this.execRoot, 'containerd', 'containerd.pid'))
  }

  private async waitForExit(pid: number, timeoutMs = STOP_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (alive(pid)) {
      if (Date.now() > deadline) throw new Error(`process ${pid} did not exit within ${timeoutMs / 1000} s`)
      await sleep(POLL_MS)
    }
  }

  /** Copies an image from the shared engine into this one (`docker save | docker load`). */
  async copyImage(name: string): Promise<void> {
    const tar = await sharedEngine.getImage(name).get()
    const out = await this.client.loadImage(tar)
    await new Promise<void>((resolve, reject) => this.client.modem.followProgress(out, (err) => (err ? reject(err) : resolve())))
    await this.client.getImage(name).inspect()
  }

  private readPid(file = this.pidFile): number | null {
    try {
      const pid = Number(readFileSync(file, 'utf8').trim())
      return Number.isInteger(pid) && pid > 0 ? pid : null
    } catch {
      return null
    }
  }

  private logTail(): string {
    try {
      return readFileSync(this.logPath, 'utf8').split('\n').slice(-20).join('\n')
    } catch {
      return ''
    }
  }
}
