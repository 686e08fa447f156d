import { createHash } from 'node:crypto'
import { join } from 'node:path'
import type { ResolvedEndpoint } from './resolved-endpoint'

export interface DiscoveryInput {
  env: Record<string, string | undefined>
  home: string
  platform: NodeJS.Platform
  uid: number | null
  exists: (path: string) => boolean
  readText: (path: string) => string | null
}

interface WellKnownSocket {
  id: string
  name: string
  path: string
}

/**
 * Engines in the order Docker's own CLI would pick them: DOCKER_HOST, then the current
 * docker context, then well-known sockets of the engines people run on laptops.
 * Pure: the caller passes the environment and file access, so tests can fake both.
 */
export function discoverEndpoints(input: DiscoveryInput): ResolvedEndpoint[] {
  const found: ResolvedEndpoint[] = []
  const add = (e: ResolvedEndpoint) => {
    if (!found.some((f) => f.url === e.url)) found.push(e)
  }

  const dockerHost = input.env.DOCKER_HOST?.trim()
  if (dockerHost) {
    // Like the docker CLI, any non-empty DOCKER_TLS_VERIFY turns TLS on (even "true" or "yes").
    const tls = Boolean(input.env.DOCKER_TLS_VERIFY) || Boolean(input.env.DOCKER_CERT_PATH)
    add({
      id: 'env:DOCKER_HOST',
      name: 'DOCKER_HOST',
      url: dockerHost,
      source: 'env',
      present: true,
      ...(tls && dockerHost.startsWith('tcp://') ? { tlsDir: input.env.DOCKER_CERT_PATH || join(input.home, '.docker') } : {}),
    })
  }

  const context = currentContext(input)
  if (context) add(context)

  for (const s of wellKnownSockets(input)) {
    const url = input.platform === 'win32' ? `npipe://${s.path}` : `unix://${s.path}`
    add({ id: s.id, name: s.name, url, source: 'socket', present: input.exists(s.path) })
  }
  return found
}

function configDir(input: DiscoveryInput): string {
  return input.env.DOCKER_CONFIG || join(input.home, '.docker')
}

function currentContext(input: DiscoveryInput): ResolvedEndpoint | null {
  const dir = configDir(input)
  let name = input.env.DOCKER_CONTEXT?.trim()
  if (!name) {
    const raw = input.readText(join(dir, 'config.json'))
    if (raw) {
      try {
        const cfg = JSON.parse(raw) as { currentContext?: unknown }
        if (typeof cfg.currentContext === 'string') name = cfg.currentContext
      } catch {
        /* a broken config.json means no context, as for the docker CLI's fallback */
      }
    }
  }
  if (!name || name === 'default') return null
  // The CLI stores each context under the SHA-256 of its name.
  const digest = createHash('sha256').update(name).digest('hex')
  const raw = input.readText(join(dir, 'contexts', 'meta', digest, 'meta.json'))
  if (!raw) return null
  try {
    const meta = JSON.parse(raw) as { Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } } }
    const host = meta.Endpoints?.docker?.Host
    if (typeof host !== 'string' || !host) return null
    const tlsDir = join(dir, 'contexts', 'tls', digest, 'docker')
    const hasTls = host.startsWith('tcp://') && input.exists(join(tlsDir, 'ca.pem'))
    return {
      id: `context:${name}`,
      name: `context ${name}`,
      url: host,
      source: 'context',
      present: true,
      ...(hasTls ? { tlsDir, skipTlsVerify: meta.Endpoints?.docker?.SkipTLSVerify === true } : {}),
    }
  } catch {
    return null
  }
}

function wellKnownSockets(input: DiscoveryInput): WellKnownSocket[] {
  const h = input.home
  if (input.platform === 'win32') {
    return [
      { id: 'socket:docker-desktop', name: 'Docker Desktop', path: '//./pipe/docker_engine' },
      { id: 'socket:podman-machine', name: 'Podman machine', path: '//./pipe/podman-machine-default' },
    ]
  }
  const runtimeDir = input.env.XDG_RUNTIME_DIR || (input.uid !== null ? `/run/user/${input.uid}` : null)
  const list: WellKnownSocket[] = [{ id: 'socket:docker', name: 'Docker', path: '/var/run/docker.sock' }]
  if (runtimeDir) list.push({ id: 'socket:docker-rootless', name: 'Docker (rootless)', path: `${runtimeDir}/docker.sock` })
  list.push({ id: 'socket:docker-desktop', name: 'Docker Desktop', path: join(h, '.docker/run/docker.sock') })
  if (runtimeDir) list.push({ id: 'socket:podman', name: 'Podman', path: `${runtimeDir}/podman/podman.sock` })
  list.push(
    { id: 'socket:podman-root', name: 'Podman (root)', path: '/run/podman/podman.sock' },
    { id: 'socket:podman-machine', name: 'Podman machine', path: join(h, '.local/share/containers/podman/machine/podman.sock') },
    { id: 'socket:colima', name: 'Colima', path: join(h, '.colima/default/docker.sock') },
    { id: 'socket:rancher-desktop', name: 'Rancher Desktop', path: join(h, '.rd/docker.sock') },
    { id: 'socket:orbstack', name: 'OrbStack', path: join(h, '.orbstack/run/docker.sock') },
    { id: 'socket:lima', name: 'Lima', path: join(h, '.lima/docker/sock/docker.sock') },
  )
  return list
}
