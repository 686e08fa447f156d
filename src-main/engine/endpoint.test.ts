import { describe, expect, it } from 'vitest'
import { dockerOptions, publicEndpoint, socketPathOf } from './endpoint'
import type { ResolvedEndpoint } from './resolved-endpoint'

function endpoint(url: string, extra: Partial<ResolvedEndpoint> = {}): ResolvedEndpoint {
  return { id: 'test', name: 'test', url, source: 'user', present: true, ...extra }
}

/** Stands in for the TLS files: returns the file's own path, so a test can see which was read. */
const fakeRead = (p: string) => Buffer.from(`pem:${p}`)

describe('socketPathOf', () => {
  it('turns unix and npipe URLs into socket paths and leaves network URLs alone', () => {
    expect(socketPathOf('unix:///var/run/docker.sock')).toBe('/var/run/docker.sock')
    expect(socketPathOf('npipe:////./pipe/docker_engine')).toBe('//./pipe/docker_engine')
    expect(socketPathOf('tcp://10.0.0.5:2375')).toBeNull()
    expect(socketPathOf('ssh://ada@host')).toBeNull()
  })
})

describe('dockerOptions', () => {
  it('connects to a unix socket by its path', () => {
    expect(dockerOptions(endpoint('unix:///home/ada/.colima/default/docker.sock'), fakeRead)).toEqual({ socketPath: '/home/ada/.colima/default/docker.sock' })
  })

  it('connects to a Windows named pipe by its path', () => {
    expect(dockerOptions(endpoint('npipe:////./pipe/docker_engine'), fakeRead)).toEqual({ socketPath: '//./pipe/docker_engine' })
  })

  it('speaks plain http to a tcp engine, on port 2375 unless given', () => {
    expect(dockerOptions(endpoint('tcp://10.0.0.5:2380'), fakeRead)).toEqual({ protocol: 'http', host: '10.0.0.5', port: 2380 })
    expect(dockerOptions(endpoint('tcp://build.example'), fakeRead)).toEqual({ protocol: 'http', host: 'build.example', port: 2375 })
  })

  it('speaks https with the client certificate from the TLS folder, on port 2376 unless given', () => {
    const opts = dockerOptions(endpoint('tcp://secure.example', { tlsDir: '/certs' }), fakeRead) as Record<string, unknown>
    expect(opts).toMatchObject({ protocol: 'https', host: 'secure.example', port: 2376 })
    expect(String(opts.ca)).toBe('pem:/certs/ca.pem')
    expect(String(opts.cert)).toBe('pem:/certs/cert.pem')
    expect(String(opts.key)).toBe('pem:/certs/key.pem')
    expect(opts.checkServerIdentity).toBeUndefined()
    expect((dockerOptions(endpoint('tcp://secure.example:3376', { tlsDir: '/certs' }), fakeRead) as { port: number }).port).toBe(3376)
  })

  it('names the TLS file it cannot read, as ENGINE_UNREACHABLE with its own reason', () => {
    const missingKey = (p: string) => {
      if (p.endsWith('key.pem')) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${p}'`), { code: 'ENOENT' })
      return fakeRead(p)
    }
    expect(() => dockerOptions(endpoint('tcp://secure.example', { tlsDir: '/certs' }), missingKey)).toThrow(
      expect.objectContaining({
        code: 'ENGINE_UNREACHABLE',
        message: expect.stringContaining('/certs/key.pem cannot be read (it does not exist)'),
        details: { reason: 'engine_tls_files', path: '/certs/key.pem', errno: 'ENOENT' },
      }),
    )
  })

  it('skips the server name check only when the context asks for it', () => {
    const opts = dockerOptions(endpoint('tcp://secure.example:2376', { tlsDir: '/certs', skipTlsVerify: true }), fakeRead) as Record<string, unknown>
    expect(typeof opts.checkServerIdentity).toBe('function')
  })

  it('goes over ssh with the user, host and port of the URL, on port 22 unless given', () => {
    expect(dockerOptions(endpoint('ssh://ada@build.example:2222'), fakeRead)).toMatchObject({ protocol: 'ssh', host: 'build.example', port: 2222, username: 'ada' })
    const bare = dockerOptions(endpoint('ssh://build.example'), fakeRead)
    expect(bare).toMatchObject({ protocol: 'ssh', host: 'build.example', port: 22 })
    expect(bare.username).toBeUndefined()
  })

  it('refuses a URL scheme it cannot speak', () => {
    expect(() => dockerOptions(endpoint('http://build.example:2375'), fakeRead)).toThrow(/unsupported engine URL/)
  })
})

describe('publicEndpoint', () => {
  it('keeps where TLS material lives out of what the renderer sees', () => {
    const shown = publicEndpoint(endpoint('tcp://secure.example:2376', { tlsDir: '/certs', skipTlsVerify: true }))
    expect(shown).toEqual({ id: 'test', name: 'test', url: 'tcp://secure.example:2376', source: 'user', present: true })
  })
})
