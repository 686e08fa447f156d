import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createConnection } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { freePort } from './free-port'

export const SSHD = '/usr/sbin/sshd'

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection(port, '127.0.0.1')
    s.once('connect', () => {
      s.destroy()
      resolve(true)
    })
    s.once('error', () => resolve(false))
  })
}

/**
 * The machine's engine reached as `ssh://user@127.0.0.1:PORT` is reached: a private sshd that
 * lets this user in with a key held by a private ssh-agent, where `docker system dial-stdio`
 * (what the docker CLI and dockerode run over ssh) talks to the local engine. `home` is a home
 * folder whose .ssh/known_hosts a test fills (or leaves empty).
 */
export class SshEngine {
  readonly dir = mkdtempSync(join(tmpdir(), 'berth-it-ssh-'))
  readonly home = join(this.dir, 'home')
  readonly agentSocket = join(this.dir, 'agent.sock')
  port = 0
  private sshd: ChildProcess | null = null
  private agent: ChildProcess | null = null

  get url(): string {
    return `ssh://${userInfo().username}@127.0.0.1:${this.port}`
  }

  /** One of the host's keys (it has an ed25519 and an RSA one) as a known_hosts line for this port. */
  knownHostsLine(type: 'ed25519' | 'rsa' = 'ed25519'): string {
    const [algo, key] = readFileSync(join(this.dir, `host_${type}.pub`), 'utf8')
      .trim()
      .split(/\s+/)
    return `[127.0.0.1]:${this.port} ${algo} ${key}`
  }

  /** Another key of the same type, as a host that was reinstalled (or impersonated) would present. */
  otherKnownHostsLine(): string {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(this.dir, 'other_key')])
    const [type, key] = readFileSync(join(this.dir, 'other_key.pub'), 'utf8').trim().split(/\s+/)
    return `[127.0.0.1]:${this.port} ${type} ${key}`
  }

  writeKnownHosts(lines: string[]): void {
    writeFileSync(join(this.home, '.ssh', 'known_hosts'), lines.map((l) => `${l}\n`).join(''))
  }

  async start(): Promise<void> {
    mkdirSync(join(this.home, '.ssh'), { recursive: true })
    const keygen = (file: string, type = 'ed25519') => execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', join(this.dir, file)])
    keygen('host_ed25519')
    keygen('host_rsa', 'rsa')
    keygen('user_key')
    writeFileSync(join(this.dir, 'authorized_keys'), readFileSync(join(this.dir, 'user_key.pub')))
    this.port = await freePort()
    writeFileSync(
      join(this.dir, 'sshd_config'),
      [
        `Port ${this.port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${join(this.dir, 'host_ed25519')}`,
        `HostKey ${join(this.dir, 'host_rsa')}`,
        `AuthorizedKeysFile ${join(this.dir, 'authorized_keys')}`,
        `PidFile ${join(this.dir, 'sshd.pid')}`,
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'PermitRootLogin prohibit-password',
        'StrictModes no',
        'UsePAM no',
      ].join('\n'),
    )
    // sshd refuses to start without its privilege separation folder.
    if (!existsSync('/run/sshd')) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 })
    this.sshd = spawn(SSHD, ['-D', '-e', '-f', join(this.dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] })
    let sshdLog = ''
    this.sshd.stderr!.on('data', (b: Buffer) => (sshdLog += b.toString()))
    this.agent = spawn('ssh-agent', ['-D', '-a', this.agentSocket], { stdio: 'ignore' })
    for (let i = 0; i < 100 && !(existsSync(this.agentSocket) && (await accepts(this.port))); i++) await new Promise((r) => setTimeout(r, 50))
    if (!(await accepts(this.port))) throw new Error(`sshd did not start: ${sshdLog}`)
    execFileSync('ssh-add', ['-q', join(this.dir, 'user_key')], { env: { ...process.env, SSH_AUTH_SOCK: this.agentSocket } })
  }

  dispose(): void {
    this.sshd?.kill()
    this.agent?.kill()
    rmSync(this.dir, { recursive: true, force: true })
  }
}
