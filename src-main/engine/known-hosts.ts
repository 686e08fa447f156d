import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

/** One usable line of an OpenSSH known_hosts file (certificate-authority lines are left out). */
interface KnownHost {
  revoked: boolean
  /** Plain patterns (`host`, `[host]:port`, `*.example`, `!bad.example`), or one hashed name. */
  patterns: string[]
  hashed: { salt: Buffer; hash: Buffer } | null
  key: Buffer
}

export type HostKeyVerdict = 'trusted' | 'unknown' | 'changed' | 'revoked'

export function parseKnownHosts(text: string): KnownHost[] {
  const hosts: KnownHost[] = []
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const fields = line.split(/\s+/)
    let revoked = false
    if (fields[0]?.startsWith('@')) {
      const marker = fields.shift()
      // Berth checks plain host keys; a CA line vouches for certificates it does not read.
      if (marker !== '@revoked') continue
      revoked = true
    }
    const [names, , keyText] = fields
    if (!names || !keyText) continue
    const key = Buffer.from(keyText, 'base64')
    const hashed = /^\|1\|([^|]+)\|([^|]+)$/.exec(names)
    hosts.push({
      revoked,
      patterns: hashed ? [] : names.split(','),
      hashed: hashed ? { salt: Buffer.from(hashed[1]!, 'base64'), hash: Buffer.from(hashed[2]!, 'base64') } : null,
      key,
    })
  }
  return hosts
}

/** How OpenSSH names a host in known_hosts: `host` on port 22, `[host]:port` otherwise. */
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`
}

function globMatches(pattern: string, name: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  )
  return re.test(name)
}

function namesHost(entry: KnownHost, name: string): boolean {
  if (entry.hashed) {
    const h = createHmac('sha1', entry.hashed.salt).update(name).digest()
    return h.length === entry.hashed.hash.length && timingSafeEqual(h, entry.hashed.hash)
  }
  let matched = false
  for (const p of entry.patterns) {
    if (p.startsWith('!')) {
      if (globMatches(p.slice(1), name)) return false
    } else if (globMatches(p, name)) matched = true
  }
  return matched
}

/** The key type an SSH public key blob starts with (`ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`…). */
export function keyType(key: Buffer): string {
  if (key.length < 4) return ''
  const n = key.readUInt32BE(0)
  return key.subarray(4, 4 + n).toString('latin1')
}

/** What the known_hosts files say of this host presenting this key (the raw SSH public key blob). */
export function hostKeyVerdict(entries: readonly KnownHost[], name: string, key: Buffer): HostKeyVerdict {
  const forHost = entries.filter((e) => namesHost(e, name))
  if (forHost.some((e) => e.revoked && e.key.equals(key))) return 'revoked'
  if (forHost.some((e) => !e.revoked && e.key.equals(key))) return 'trusted'
  // Only a different key of the same type is a changed key; another type is simply not known.
  const type = keyType(key)
  return forHost.some((e) => !e.revoked && keyType(e.key) === type) ? 'changed' : 'unknown'
}

/** The key types known_hosts holds for this host, so the handshake can ask for one of them (as ssh does). */
export function knownKeyTypes(entries: readonly KnownHost[], name: string): string[] {
  return [
    ...new Set(
      entries
        .filter((e) => !e.revoked && namesHost(e, name))
        .map((e) => keyType(e.key))
        .filter(Boolean),
    ),
  ]
}

/** The key's fingerprint as `ssh-keygen -l` shows it: SHA256:base64 without padding. */
export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`
}
