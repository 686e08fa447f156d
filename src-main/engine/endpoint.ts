import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type Docker from 'dockerode'
import type { EngineEndpoint } from '../../src-shared/contract/engine'
import { BerthError } from '../../src-shared/contract/errors'
import type { ResolvedEndpoint } from './resolved-endpoint'
import { defaultSsh, sshDockerOptions, type SshEnvironment } from './ssh-endpoint'

export function publicEndpoint(e: ResolvedEndpoint): EngineEndpoint {
  return { id: e.id, name: e.name, url: e.url, source: e.source, present: e.present }
}

/** unix:///var/run/docker.sock → /var/run/docker.sock; npipe:////./pipe/x → //./pipe/x */
export function socketPathOf(url: string): string | null {
  if (url.startsWith('unix://')) return url.slice('unix://'.length)
  if (url.startsWith('npipe://'))
    return url
      .slice('npipe://'.length)
      .replace(/^\/\/\/\//, '//')
      .replace(/\\/g, '/')
  return null
}

export function dockerOptions(endpoint: ResolvedEndpoint, readFile: (p: string) => Buffer = readFileSync, ssh: SshEnvironment = defaultSsh()): Docker.DockerOptions {
  const socketPath = socketPathOf(endpoint.url)
  if (socketPath) return { socketPath }
  const url = new URL(endpoint.url)
  if (url.protocol === 'ssh:') return sshDockerOptions(endpoint, url, readFile, ssh)
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
    throw new BerthError(
      'ENGINE_UNREACHABLE',
      `Berth cannot use this engine’s TLS certificates: ${path} cannot be read (${why}). The folder needs ca.pem, cert.pem and key.pem, as the docker CLI expects; or pick another engine in Settings.`,
      {
        reason: 'engine_tls_files',
        path,
        errno,
      },
    )
  }
}
