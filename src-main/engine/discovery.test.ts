import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { discoverEndpoints, type DiscoveryInput } from './discovery'

const HOME = '/home/ada'

/** A fake machine: files by absolute path, everything else absent. */
function machine(files: Record<string, string> = {}, overrides: Partial<DiscoveryInput> = {}): DiscoveryInput {
  return {
    env: {},
    home: HOME,
    platform: 'linux',
    uid: 1000,
    exists: (p) => Object.prototype.hasOwnProperty.call(files, p),
    readText: (p) => files[p] ?? null,
    ...overrides,
  }
}

function contextFiles(name: string, host: string, configDir = `${HOME}/.docker`, extra: Record<string, string> = {}): Record<string, string> {
  const digest = createHash('sha256').update(name).digest('hex')
  return {
    [`${configDir}/config.json`]: JSON.stringify({ currentContext: name, auths: {} }),
    [`${configDir}/contexts/meta/${digest}/meta.json`]: JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }),
    ...extra,
  }
}

const urls = (input: DiscoveryInput) => discoverEndpoints(input).map((e) => e.url)

describe('discoverEndpoints', () => {
  it('lists DOCKER_HOST first, then the current context, then well-known sockets', () => {
    const input = machine(contextFiles('colima-work', 'unix:///home/ada/.colima/work/docker.sock', undefined, { '/var/run/docker.sock': '' }), {
      env: { DOCKER_HOST: 'tcp://10.0.0.5:2375' },
    })
    const found = discoverEndpoints(input)
    expect(found[0]).toMatchObject({ id: 'env:DOCKER_HOST', url: 'tcp://10.0.0.5:2375', source: 'env', present: true })
    expect(found[1]).toMatchObject({ id: 'context:colima-work', url: 'unix:///home/ada/.colima/work/docker.sock', source: 'context' })
    expect(found[2]).toMatchObject({ id: 'socket:docker', url: 'unix:///var/run/docker.sock', source: 'socket', present: true })
    expect(found.slice(2).every((e) => e.source === 'socket')).toBe(true)
  })

  it('finds the current context by the SHA-256 of its name under contexts/meta', () => {
    const found = discoverEndpoints(machine(contextFiles('remote box', 'ssh://ada@build.example:2222')))
    expect(found[0]).toMatchObject({ id: 'context:remote box', name: 'context remote box', url: 'ssh://ada@build.example:2222', source: 'context' })
  })

  it('lets DOCKER_CONTEXT override the context named in config.json', () => {
    const files = { ...contextFiles('a', 'tcp://a.example:2375'), ...contextFiles('b', 'tcp://b.example:2375') }
    files[`${HOME}/.docker/config.json`] = JSON.stringify({ currentContext: 'a' })
    expect(urls(machine(files, { env: { DOCKER_CONTEXT: 'b' } }))[0]).toBe('tcp://b.example:2375')
  })

  it('reads config.json and contexts from DOCKER_CONFIG when it is set', () => {
    const files = contextFiles('ci', 'tcp://ci.example:2375', '/etc/docker-cfg')
    expect(urls(machine(files, { env: { DOCKER_CONFIG: '/etc/docker-cfg' } }))[0]).toBe('tcp://ci.example:2375')
    expect(urls(machine(files))).not.toContain('tcp://ci.example:2375')
  })

  it('ignores the "default" context, a broken config.json and a context without metadata', () => {
    const def = contextFiles('default', 'tcp://should-not-appear:2375')
    const broken = { [`${HOME}/.docker/config.json`]: '{ "currentContext": ' }
    const missingMeta = { [`${HOME}/.docker/config.json`]: JSON.stringify({ currentContext: 'gone' }) }
    for (const files of [def, broken, missingMeta]) {
      expect(discoverEndpoints(machine(files)).every((e) => e.source === 'socket')).toBe(true)
    }
  })

  it('lists each URL once, keeping the earliest source', () => {
    const files = contextFiles('same', 'unix:///var/run/docker.sock', undefined, { '/var/run/docker.sock': '' })
    const found = discoverEndpoints(machine(files, { env: { DOCKER_HOST: 'unix:///var/run/docker.sock' } }))
    const all = found.map((e) => e.url)
    expect(new Set(all).size).toBe(all.length)
    expect(found.filter((e) => e.url === 'unix:///var/run/docker.sock')).toEqual([expect.objectContaining({ source: 'env' })])
  })

  it('marks well-known sockets present only when the socket file exists', () => {
    const found = discoverEndpoints(machine({ [`${HOME}/.colima/default/docker.sock`]: '' }))
    expect(found.find((e) => e.id === 'socket:colima')?.present).toBe(true)
    expect(found.find((e) => e.id === 'socket:docker')?.present).toBe(false)
    expect(found.find((e) => e.id === 'socket:orbstack')).toMatchObject({ url: `unix://${HOME}/.orbstack/run/docker.sock`, present: false })
    expect(found.find((e) => e.id === 'socket:rancher-desktop')?.url).toBe(`unix://${HOME}/.rd/docker.sock`)
    expect(found.find((e) => e.id === 'socket:docker-desktop')?.url).toBe(`unix://${HOME}/.docker/run/docker.sock`)
  })

  it('looks for rootless Docker and Podman in XDG_RUNTIME_DIR', () => {
    const found = discoverEndpoints(machine({}, { env: { XDG_RUNTIME_DIR: '/run/user/4242' }, uid: 1000 }))
    expect(found.find((e) => e.id === 'socket:docker-rootless')?.url).toBe('unix:///run/user/4242/docker.sock')
    expect(found.find((e) => e.id === 'socket:podman')?.url).toBe('unix:///run/user/4242/podman/podman.sock')
  })

  it('falls back to /run/user/<uid> for the rootless socket when XDG_RUNTIME_DIR is unset', () => {
    expect(urls(machine({}, { uid: 1000 }))).toContain('unix:///run/user/1000/docker.sock')
    expect(urls(machine({}, { uid: null })).some((u) => u.includes('/run/user/'))).toBe(false)
  })

  it('uses named pipes on Windows', () => {
    const found = discoverEndpoints(machine({}, { platform: 'win32', uid: null }))
    expect(found.map((e) => e.url)).toEqual(['npipe:////./pipe/docker_engine', 'npipe:////./pipe/podman-machine-default'])
  })

  it('uses TLS material from DOCKER_CERT_PATH for a tcp DOCKER_HOST with DOCKER_TLS_VERIFY', () => {
    const [first] = discoverEndpoints(machine({}, { env: { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' } }))
    expect(first).toMatchObject({ url: 'tcp://10.0.0.5:2376', tlsDir: '/certs' })
  })

  it('looks for TLS material in ~/.docker when DOCKER_TLS_VERIFY is set without DOCKER_CERT_PATH', () => {
    const [first] = discoverEndpoints(machine({}, { env: { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: '1' } }))
    expect(first?.tlsDir).toBe(`${HOME}/.docker`)
  })

  it('treats any non-empty DOCKER_TLS_VERIFY as on, as the docker CLI does', () => {
    const [first] = discoverEndpoints(machine({}, { env: { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: 'true' } }))
    expect(first?.tlsDir).toBe(`${HOME}/.docker`)
  })

  it('uses plain tcp when neither DOCKER_TLS_VERIFY nor DOCKER_CERT_PATH is set', () => {
    const [first] = discoverEndpoints(machine({}, { env: { DOCKER_HOST: 'tcp://10.0.0.5:2375' } }))
    expect(first?.tlsDir).toBeUndefined()
  })

  it('never attaches TLS material to a unix DOCKER_HOST', () => {
    const [first] = discoverEndpoints(machine({}, { env: { DOCKER_HOST: 'unix:///tmp/d.sock', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' } }))
    expect(first).toMatchObject({ url: 'unix:///tmp/d.sock' })
    expect(first?.tlsDir).toBeUndefined()
  })

  it('takes a tcp context’s TLS material from contexts/tls when its ca.pem exists', () => {
    const digest = createHash('sha256').update('secure').digest('hex')
    const tlsDir = `${HOME}/.docker/contexts/tls/${digest}/docker`
    const files = contextFiles('secure', 'tcp://secure.example:2376', undefined, { [`${tlsDir}/ca.pem`]: 'x' })
    const [first] = discoverEndpoints(machine(files))
    expect(first).toMatchObject({ url: 'tcp://secure.example:2376', tlsDir, skipTlsVerify: false })
    const [plain] = discoverEndpoints(machine(contextFiles('secure', 'tcp://secure.example:2376')))
    expect(plain?.tlsDir).toBeUndefined()
  })

  it('ignores a blank DOCKER_HOST', () => {
    expect(discoverEndpoints(machine({}, { env: { DOCKER_HOST: '   ' } }))[0]?.source).toBe('socket')
  })
})
