import { homedir } from 'node:os'
import { join } from 'node:path'
import type Docker from 'dockerode'
import { BerthError } from '../../src-shared/contract/errors'
import type { ResolvedEndpoint } from './resolved-endpoint'
import { fingerprint, hostKeyVerdict, knownHostName, knownKeyTypes, parseKnownHosts, type HostKeyVerdict } from './known-hosts'

/** Where ssh:// engines find the user's agent and known hosts (process defaults; tests pass their own). */
export interface SshEnvironment {
  home: string
  agentSocket?: string
}

export const defaultSsh = (): SshEnvironment => ({ home: homedir(), agentSocket: process.env.SSH_AUTH_SOCK })

/**
 * dockerode over ssh (ssh2, then `docker system dial-stdio` on the host), logged in by the
 * user's agent, the host key checked against known_hosts as ssh does.
 */
export function sshDockerOptions(endpoint: ResolvedEndpoint, url: URL, readFile: (p: string) => Buffer, ssh: SshEnvironment): Docker.DockerOptions {
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
      // Ask for a key type known_hosts has for this host, so a host with several keys
      // presents the one Berth can check (ssh does the same).
      ...(hostKeyAlgorithms.length ? { algorithms: { serverHostKey: hostKeyAlgorithms } } : {}),
      // ssh2 accepts any host key unless told otherwise.
      hostVerifier: (key: Buffer) => {
        const verdict = hostKeyVerdict(readKnownHosts(), name, key)
        if (verdict === 'trusted') hostKeyProblems.delete(endpoint.url)
        else hostKeyProblems.set(endpoint.url, hostKeyError(verdict, name, fingerprint(key)))
        return verdict === 'trusted'
      },
    },
  } as Docker.DockerOptions
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
      return new BerthError(
        'ENGINE_UNREACHABLE',
        `Berth does not know the SSH host key of ${host} (${fp}). It checks ~/.ssh/known_hosts as ssh does: connect once with ssh and accept the key, then retry.`,
        { ...details, reason: 'engine_ssh_host_unknown' },
      )
    case 'changed':
      return new BerthError(
        'ENGINE_UNREACHABLE',
        `The SSH host key of ${host} (${fp}) is not the one in known_hosts. Someone may be intercepting the connection, so Berth will not connect. If the host was reinstalled, remove its old key (ssh-keygen -R) and connect once with ssh.`,
        { ...details, reason: 'engine_ssh_host_changed' },
      )
    case 'revoked':
      return new BerthError('ENGINE_UNREACHABLE', `The SSH host key of ${host} (${fp}) is marked revoked in known_hosts; Berth will not connect.`, { ...details, reason: 'engine_ssh_host_revoked' })
  }
}
