// RFC 7235 challenges as registries send them:
//   Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull"
//   Basic realm="berth-test"
// A header may hold several challenges; parameter values may be quoted (with \" escapes) or bare.

export interface Challenge {
  scheme: string
  params: Record<string, string>
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y

export function parseWwwAuthenticate(header: string): Challenge[] {
  const out: Challenge[] = []
  let i = 0
  const skip = (chars: RegExp) => {
    while (i < header.length && chars.test(header[i] ?? '')) i++
  }
  const token = (): string | null => {
    TOKEN.lastIndex = i
    const m = TOKEN.exec(header)
    if (!m) return null
    i += m[0].length
    return m[0]
  }
  while (i < header.length) {
    skip(/[\s,]/)
    const scheme = token()
    if (!scheme) break
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} }
    out.push(challenge)
    // Parameters until the next `scheme ` (a token followed by a space, not by '=').
    for (;;) {
      skip(/[\s,]/)
      const start = i
      const name = token()
      if (!name) break
      skip(/\s/)
      if (header[i] !== '=') {
        // A new challenge's scheme (or a token68 we do not need): rewind and let the outer loop take it.
        i = start
        break
      }
      i++
      skip(/\s/)
      let value = ''
      if (header[i] === '"') {
        i++
        while (i < header.length && header[i] !== '"') {
          if (header[i] === '\\' && i + 1 < header.length) i++
          value += header[i]
          i++
        }
        i++
      } else {
        const m = /[^,\s]*/y
        m.lastIndex = i
        value = m.exec(header)?.[0] ?? ''
        i += value.length
      }
      challenge.params[name.toLowerCase()] = value
    }
  }
  return out
}

/** The `last` cursor of a `Link: </v2/_catalog?last=x&n=100>; rel="next"` header. */
export function nextCursor(link: string | null): string | null {
  if (!link) return null
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part)
    if (!m || !/rel\s*=\s*"?next"?/i.test(m[2] ?? '')) continue
    const last = new URL(m[1] ?? '', 'http://registry.invalid').searchParams.get('last')
    if (last) return last
  }
  return null
}
