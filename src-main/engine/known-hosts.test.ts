import { describe, expect, it } from 'vitest'
import { fingerprint, hostKeyVerdict, keyType, knownHostName, knownKeyTypes, parseKnownHosts } from './known-hosts'

// Made with ssh-keygen: two ed25519 host keys, and `ssh-keygen -H` for the hashed line.
const KEY = 'AAAAC3NzaC1lZDI1NTE5AAAAII530B1bZkpPVI+ygmpfYtQnEXN9l7HwQLgewzIv0EQP'
const OTHER = 'AAAAC3NzaC1lZDI1NTE5AAAAIPZuyTviaGRBjcSev49mynvSpHrgxqzNbbcNByfuU6el'
const key = Buffer.from(KEY, 'base64')
const other = Buffer.from(OTHER, 'base64')

describe('known_hosts', () => {
  it('trusts a host listed with the key it presents, by plain name and by [host]:port', () => {
    const hosts = parseKnownHosts(`build.example ssh-ed25519 ${KEY}\n[127.0.0.1]:2222 ssh-ed25519 ${KEY}\n`)
    expect(hostKeyVerdict(hosts, knownHostName('build.example', 22), key)).toBe('trusted')
    expect(hostKeyVerdict(hosts, knownHostName('127.0.0.1', 2222), key)).toBe('trusted')
    expect(hostKeyVerdict(hosts, knownHostName('127.0.0.1', 22), key)).toBe('unknown')
  })

  it('reads hashed host names (ssh-keygen -H)', () => {
    const hosts = parseKnownHosts(`|1|o5GKM7lXziloNZTB+lUb53sWZ08=|YCZSWqXObDGk0e9JL3yDCw/mCc0= ssh-ed25519 ${KEY}\n`)
    expect(hostKeyVerdict(hosts, '[127.0.0.1]:2222', key)).toBe('trusted')
    expect(hostKeyVerdict(hosts, '[127.0.0.1]:2223', key)).toBe('unknown')
  })

  it('says a known host that presents another key has changed', () => {
    const hosts = parseKnownHosts(`build.example,10.0.0.5 ssh-ed25519 ${KEY}\n`)
    expect(hostKeyVerdict(hosts, '10.0.0.5', other)).toBe('changed')
  })

  it('honours wildcards, negation, comments, revoked keys, and leaves CA lines out', () => {
    const hosts = parseKnownHosts([`# a comment`, `*.example,!evil.example ssh-ed25519 ${KEY}`, `@revoked * ssh-ed25519 ${OTHER}`, `@cert-authority *.example ssh-ed25519 ${OTHER}`].join('\n'))
    expect(hostKeyVerdict(hosts, 'db.example', key)).toBe('trusted')
    expect(hostKeyVerdict(hosts, 'evil.example', key)).toBe('unknown')
    expect(hostKeyVerdict(hosts, 'db.example', other)).toBe('revoked')
  })

  it('calls a key of a type known_hosts has no line for unknown, not changed, and lists the known types', () => {
    // A made-up ecdsa blob: only its type matters here.
    const type = Buffer.from('ecdsa-sha2-nistp256')
    const ecdsa = Buffer.concat([Buffer.from([0, 0, 0, type.length]), type, Buffer.from([0, 0, 0, 1, 7])])
    const hosts = parseKnownHosts(`build.example ssh-ed25519 ${KEY}\n`)
    expect(keyType(ecdsa)).toBe('ecdsa-sha2-nistp256')
    expect(hostKeyVerdict(hosts, 'build.example', ecdsa)).toBe('unknown')
    expect(knownKeyTypes(hosts, 'build.example')).toEqual(['ssh-ed25519'])
    expect(knownKeyTypes(hosts, 'other.example')).toEqual([])
  })

  it('prints the fingerprint as ssh-keygen -l does', () => {
    expect(fingerprint(key)).toBe('SHA256:et3/wijW23e85dt6L7GntRhRio2ive5gFKfSmfKBv7Y')
  })
})
