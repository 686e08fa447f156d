import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import Docker from 'dockerode'
import type { BerthErrorShape } from '../../src-shared/contract/errors'
import type { ServicesHost } from '../../src-main/exports/host'
import { Services } from '../../src-main/services'
import { browserHost, type BrowserHost } from '../../src-main/transport/browser-host'
import { ClientSession, type StreamSink } from '../../src-main/transport/router'

// Integration helpers: the real engine on its real socket. Nothing here fakes the engine; the
// proxy below only forwards bytes so a test can cut the connection and restore it.

export const ENGINE_SOCKET = '/var/run/docker.sock'
export const TEST_IMAGE = 'berth-test/busybox:latest'
export const TEST_LABEL = 'berth.test'

const run = promisify(execFile)

/** A dockerode client on the real socket, for arranging and checking what Berth did. */
export const engine = new Docker({ socketPath: ENGINE_SOCKET })

/** Runs the docker CLI against the real engine; rejects with its stderr. */
export async function dockerCli(...args: string[]): Promise<string> {
  try {
    const { stdout } = await run('docker', args, { env: { ...process.env, DOCKER_HOST: `unix://${ENGINE_SOCKET}` } })
    return stdout.trim()
  } catch (err) {
    const e = err as { stderr?: string; message: string }
    throw new Error(`docker ${args.join(' ')}: ${(e.stderr ?? '').trim() || e.message}`)
  }
}

/**
 * Whether integration tests can run: the engine answers and the test image exists.
 * An unreachable engine skips (`describe.skipIf(!available)`), unless REQUIRE_ENGINE=1, where
 * it throws while the file is collected, so the file fails. A missing image always fails.
 */
export async function requireEngine(): Promise<{ available: boolean }> {
  try {
    await engine.ping()
  } catch (err) {
    const why = `the engine at ${ENGINE_SOCKET} is not reachable (${(err as Error).message})`
    if (process.env.REQUIRE_ENGINE === '1') throw new Error(`${why}, and REQUIRE_ENGINE=1 makes that a failure`)
    console.warn(`integration tests skipped: ${why}`)
    return { available: false }
  }
  try {
    await engine.getImage(TEST_IMAGE).inspect()
  } catch {
    throw new Error(`the test image ${TEST_IMAGE} is missing: build it with scripts/build-test-image.sh`)
  }
  return { available: true }
}

/** One test file's containers: unique names, one label value, removed together at the end. */
export class TestRun {
  readonly id = `it-${randomBytes(4).toString('hex')}`
  private counter = 0

  get labelFilter(): string {
    return `${TEST_LABEL}=${this.id}`
  }

  name(hint: string): string {
    return `berth-${this.id}-${hint}-${++this.counter}`
  }

  /**
   * Creates (and with `start`, starts) a container of the test image, labelled for this run.
   * The command defaults to a long sleep behind an init process, so stop ends it at once.
   */
  async container(hint: string, opts: { start?: boolean; cmd?: string[]; labels?: Record<string, string>; ports?: number[] } = {}): Promise<{ id: string; name: string }> {
    const name = this.name(hint)
    const ports = opts.ports ?? []
    const c = await engine.createContainer({
      name,
      Image: TEST_IMAGE,
      Cmd: opts.cmd ?? ['sleep', '100000'],
      Labels: { ...opts.labels, [TEST_LABEL]: this.id },
      ExposedPorts: Object.fromEntries(ports.map((p) => [`${p}/tcp`, {}])),
      HostConfig: {
        Init: true,
        PortBindings: Object.fromEntries(ports.map((p) => [`${p}/tcp`, [{ HostIp: '', HostPort: '' }]])),
      },
    })
    if (opts.start) await c.start()
    return { id: c.id, name }
  }

  /** The engine's own view of one container's state, or null when it is gone. */
  async stateOf(id: string): Promise<Docker.ContainerInspectInfo['State'] | null> {
    try {
      return (await engine.getContainer(id).inspect()).State
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return null
      throw err
    }
  }

  /** This run's containers that still exist. */
  async leftovers(): Promise<string[]> {
    const list = await engine.listContainers({ all: true, filters: { label: [this.labelFilter] } })
    return list.map((c) => c.Id)
  }

  /** Removes this run's containers, and nobody else's. */
  async cleanup(): Promise<void> {
    for (const id of await this.leftovers()) {
      await engine
        .getContainer(id)
        .remove({ force: true, v: true })
        .catch((err: { statusCode?: number }) => {
          if (err.statusCode !== 404) throw err
        })
    }
  }
}

export interface StartedServices<H extends ServicesHost> {
  services: Services<H>
  dispose(): void
}

/**
 * Services on a throwaway config folder, pointed at `engineUrl` (the real socket by default),
 * on browser mode's host unless the test gives another (a host with scripted dialogs).
 */
export async function startServices(engineUrl?: string): Promise<StartedServices<BrowserHost>>
export async function startServices<H extends ServicesHost>(engineUrl: string | undefined, host: H): Promise<StartedServices<H>>
export async function startServices(engineUrl = `unix://${ENGINE_SOCKET}`, host: ServicesHost = browserHost()): Promise<StartedServices<ServicesHost>> {
  const configDir = mkdtempSync(join(tmpdir(), 'berth-it-config-'))
  // Docker's config.json (registry logins) in the temp dir too: tests never touch ~/.docker.
  const services = new Services({ host, configDir, engineUrl, dockerConfigDir: join(configDir, 'docker') })
  await services.start()
  return {
    services,
    dispose() {
      services.dispose()
      rmSync(configDir, { recursive: true, force: true })
    },
  }
}

/** A renderer as the router sees it: a session and a sink that keeps every message. */
export class FakeRenderer {
  readonly session = new ClientSession()
  readonly messages: { sub: string; data: unknown }[] = []
  readonly ends: { sub: string; error?: BerthErrorShape }[] = []
  readonly sink: StreamSink = {
    message: (sub, data) => this.messages.push({ sub, data }),
    end: (sub, error) => this.ends.push({ sub, error }),
  }

  messagesOf<T>(sub: string): T[] {
    return this.messages.filter((m) => m.sub === sub).map((m) => m.data as T)
  }
}

/**
 * Joins a client connection to a new one to the engine's socket; both are kept in `open` while
 * they last (so a proxy can cut them), and either one failing ends both.
 */
export function forwardToEngine(client: Socket, open: Set<Socket>): void {
  const upstream = createConnection(ENGINE_SOCKET)
  for (const s of [client, upstream]) {
    open.add(s)
    s.on('close', () => open.delete(s))
    s.on('error', () => {
      client.destroy()
      upstream.destroy()
    })
  }
  client.pipe(upstream).pipe(client)
}

/**
 * A unix socket that forwards every connection to the engine's socket. Stopping it closes the
 * listener and cuts every open connection, as an engine that goes away would; starting it again
 * listens on the same path. Stalling it keeps every connection and accepts new ones, reads what
 * each side sends and holds it, answering nothing, as a hung engine (or a frozen VM) would;
 * `answer()` lets everything held through, in order.
 */
export class SocketProxy {
  private readonly dir = mkdtempSync(join(tmpdir(), 'berth-it-proxy-'))
  readonly path = join(this.dir, 'engine.sock')
  private server: Server | null = null
  private readonly open = new Set<Socket>()
  private readonly clients = new Set<Socket>()
  private heldSends: (() => void)[] | null = null

  get url(): string {
    return `unix://${this.path}`
  }

  /** Connections Berth holds open to the proxy now. */
  get connections(): number {
    return this.clients.size
  }

  /** What a stall holds back (chunks, ends), so a test can tell a request has reached the proxy. */
  get held(): number {
    return this.heldSends?.length ?? 0
  }

  stall(): void {
    this.heldSends ??= []
  }

  answer(): void {
    const held = this.heldSends ?? []
    this.heldSends = null
    for (const send of held) send()
  }

  private forward(client: Socket): void {
    const upstream = createConnection(ENGINE_SOCKET)
    this.clients.add(client)
    client.on('close', () => this.clients.delete(client))
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.open.add(from)
      from.on('data', (chunk: Buffer) => (this.heldSends ? this.heldSends.push(() => to.write(chunk)) : to.write(chunk)))
      from.on('end', () => (this.heldSends ? this.heldSends.push(() => to.end()) : to.end()))
      from.on('close', () => {
        this.open.delete(from)
        to.destroy()
      })
      from.on('error', () => undefined)
    }
  }

  async start(): Promise<void> {
    const server = createServer((client) => this.forward(client))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.path, () => resolve())
    })
    this.server = server
  }

  async stop(): Promise<void> {
    const server = this.server
    this.server = null
    if (!server) return
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    for (const s of this.open) s.destroy()
    this.open.clear()
    await closed
  }

  async dispose(): Promise<void> {
    await this.stop()
    rmSync(this.dir, { recursive: true, force: true })
  }
}

/**
 * Every file's sha256 and every symlink's target in a volume, read by the engine's busybox
 * (not by Berth), so a test can tell whether the volume's content changed.
 */
export function volumeChecksums(volume: string, runId: string): Promise<string> {
  return dockerCli(
    'run',
    '--rm',
    '--network',
    'none',
    '--label',
    `${TEST_LABEL}=${runId}`,
    '-v',
    `${volume}:/v:ro`,
    TEST_IMAGE,
    'sh',
    '-c',
    'cd /v && busybox find . -type f | busybox sort | while read f; do busybox sha256sum "$f"; done; busybox find . -type l | busybox sort | while read l; do echo "$l -> $(busybox readlink "$l")"; done',
  )
}
