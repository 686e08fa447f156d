import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type Docker from 'dockerode'
import type { EngineEndpoint } from '../../src-shared/contract/engine'
import { BerthError } from '../../src-shared/contract/errors'
import { fingerprint, hostKeyVerdict, knownHostName, knownKeyTypes, parseKnownHosts, type HostKeyVerdict } from './known-hosts'

/** An endpoint as main knows it: what the renderer sees, plus where its TLS material lives. */
export interface ResolvedEndpoint extends EngineEndpoint {
  tlsDir?: string
  skipTlsVerify?: boolean
}

export function publicEndpoint(e: ResolvedEndpoint): EngineEndpoint {
  return { id: e.id, name: e.name, url: e.url, source: e.source, present: e.present }
}

/** unix:///var/run/docker.sock → /var/run/docker.sock; npipe:////./pipe/x → //./pipe/x */
export function socketPathOf(url: string): string | null {
  if (url.startsWith('unix://')) return url.slice('unix://'.length)
  if (url.startsWith('npipe://')) return url.slice('npipe://'.length).replace(/^\/\/\/\//, '//').replace(/\\/g, '/')
  return null
}

/** Where ssh:// engines find the user's agent and known hosts (process defaults; tests pass their own). */
export interface SshEnvironment {
  home: string
  agentSocket?: string
}

const defaultSsh = (): SshEnvironment => ({ home: homedir(), agentSocket: process.env.SSH_AUTH_SOCK })

export function dockerOptions(endpoint: ResolvedEndpoint, readFile: (p: string) => Buffer = readFileSync, ssh: SshEnvironment = defaultSsh()): Docker.DockerOptions {
  const socketPath = socketPathOf(endpoint.url)
  if (socketPath) return { socketPath }
  const url = new URL(endpoint.url)
  if (url.protocol === 'ssh:') {
    const port = url.port ? Number(url.port) : 22
    const name = knownHostName(url.hostname, port)
    const knownHosts = [join(ssh.home, '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts']
    const readKnownHosts = () =>
      knownHosts.flatMap((f) => {
        try {
          return parseKnownHosts(readFile(f).toString('utf8'))
        } catch {
          return []
        }
      })
    const hostKeyAlgorithms = knownKeyTypes(readKnownHosts(), name).flatMap((t) => (t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [t]))
    return {
      protocol: 'ssh',
      host: url.hostname,
      port,
      username: decodeURIComponent(url.username) || undefined,
      sshOptions: {
        agent: ssh.agentSocket,
        // ssh2 accepts any host key unless told otherwise; Berth checks known_hosts as ssh does.
        // Ask for a key type known_hosts has for this host, so a host with several keys
        // presents the one Berth can check (ssh does the same).
        ...(hostKeyAlgorithms.length ? { algorithms: { serverHostKey: hostKeyAlgorithms } } : {}),
        hostVerifier: (key: Buffer) => {
          const verdict = hostKeyVerdict(readKnownHosts(), name, key)
          if (verdict === 'trusted') hostKeyProblems.delete(endpoint.url)
          else hostKeyProblems.set(endpoint.url, hostKeyError(verdict, name, fingerprint(key)))
          return verdict === 'trusted'
        },
      },
    } as Docker.DockerOptions
  }
  if (url.protocol === 'tcp:') {
    const port = url.port ? Number(url.port) : endpoint.tlsDir ? 2376 : 2375
    if (endpoint.tlsDir) {
      const dir = endpoint.tlsDir
      const tlsFile = (name: string) => readTlsFile(join(dir, name), readFile)
      return {
        protocol: 'https',
        host: url.hostname,
        port,
        ca: tlsFile('ca.pem'),
        cert: tlsFile('cert.pem'),
        key: tlsFile('key.pem'),
        ...(endpoint.skipTlsVerify ? { checkServerIdentity: () => undefined } : {}),
      } as Docker.DockerOptions
    }
    return { protocol: 'http', host: url.hostname, port }
  }
  throw new Error(`unsupported engine URL ${endpoint.url}`)
}

/** A TLS file of the engine's certificate folder; one that cannot be read says which and why. */
function readTlsFile(path: string, readFile: (p: string) => Buffer): Buffer {
  try {
    return readFile(path)
  } catch (err) {
    const errno = (err as { code?: string }).code ?? 'unknown'
    const why = errno === 'ENOENT' ? 'it does not exist' : errno === 'EACCES' || errno === 'EPERM' ? 'Berth may not read it' : `error ${errno}`
    throw new BerthError('ENGINE_UNREACHABLE', `Berth cannot use this engine’s TLS certificates: ${path} cannot be read (${why}). The folder needs ca.pem, cert.pem and key.pem, as the docker CLI expects; or pick another engine in Settings.`, {
      reason: 'engine_tls_files',
      path,
      errno,
    })
  }
}

/** Why the last SSH handshake with an engine was refused, by engine URL (ssh2's own error says only "Host denied"). */
const hostKeyProblems = new Map<string, BerthError>()

/** The host-key refusal behind a failed ssh:// call, if that is what failed. */
export function hostKeyProblem(endpointUrl: string, err: unknown): BerthError | null {
  if (!/Host denied/i.test((err as { message?: string })?.message ?? '')) return null
  return hostKeyProblems.get(endpointUrl) ?? null
}

function hostKeyError(verdict: Exclude<HostKeyVerdict, 'trusted'>, host: string, fp: string): BerthError {
  const details = { host, fingerprint: fp }
  switch (verdict) {
    case 'unknown':
      return new BerthError('ENGINE_UNREACHABLE', `Berth does not know the SSH host key of ${host} (${fp}). It checks ~/.ssh/known_hosts as ssh does: connect once with ssh and accept the key, then retry.`, { ...details, reason: 'engine_ssh_host_unknown' })
    case 'changed':
      return new BerthError('ENGINE_UNREACHABLE', `The SSH host key of ${host} (${fp}) is not the one in known_hosts. Someone may be intercepting the connection, so Berth will not connect. If the host was reinstalled, remove its old key (ssh-keygen -R) and connect once with ssh.`, { ...details, reason: 'engine_ssh_host_changed' })
    case 'revoked':
      return new BerthError('ENGINE_UNREACHABLE', `The SSH host key of ${host} (${fp}) is marked revoked in known_hosts; Berth will not connect.`, { ...details, reason: 'engine_ssh_host_revoked' })
  }
}
