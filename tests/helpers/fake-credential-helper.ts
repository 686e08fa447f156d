import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

// A real docker-credential-<name> program (a Node script with a shebang) that speaks the helper
// protocol and keeps its store in <dir>/<name>.json. It appends each action and server URL it was
// asked about (never a secret) to <dir>/<name>.log, so tests can see which helper answered.
// Server URLs are looked up as own keys, as real helpers (Go maps, keychains) do.

const SCRIPT = (name: string, dir: string) => `#!${process.execPath}
const fs = require('fs')
const store = ${JSON.stringify(join(dir, `${name}.json`))}
const log = ${JSON.stringify(join(dir, `${name}.log`))}
const action = process.argv[2]
let input = ''
process.stdin.on('data', (d) => (input += d))
process.stdin.on('end', () => {
  const data = fs.existsSync(store) ? JSON.parse(fs.readFileSync(store, 'utf8')) : {}
  const save = () => fs.writeFileSync(store, JSON.stringify(data))
  if (process.env.FAKE_HELPER_HANG === ${JSON.stringify(name)}) return setTimeout(() => undefined, 60000)
  if (action === 'get') {
    fs.appendFileSync(log, 'get ' + input.trim() + '\\n')
    const found = Object.hasOwn(data, input.trim()) ? data[input.trim()] : undefined
    if (!found) { process.stdout.write('credentials not found in native keychain\\n'); process.exit(1) }
    process.stdout.write(JSON.stringify({ ServerURL: input.trim(), Username: found.Username, Secret: found.Secret }))
  } else if (action === 'store') {
    const doc = JSON.parse(input)
    fs.appendFileSync(log, 'store ' + doc.ServerURL + '\\n')
    data[doc.ServerURL] = { Username: doc.Username, Secret: doc.Secret }
    save()
  } else if (action === 'erase') {
    fs.appendFileSync(log, 'erase ' + input.trim() + '\\n')
    if (!Object.hasOwn(data, input.trim())) { process.stdout.write('credentials not found in native keychain\\n'); process.exit(1) }
    delete data[input.trim()]
    save()
  } else if (action === 'list') {
    fs.appendFileSync(log, 'list\\n')
    process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.Username]))))
  } else {
    process.stdout.write('unknown action\\n'); process.exit(1)
  }
})
`

/** Writes docker-credential-<name> into `binDir` (put it on PATH) with its store in `binDir`. */
export function installFakeHelper(binDir: string, name: string, seed: Record<string, { Username: string; Secret: string }> = {}): void {
  mkdirSync(binDir, { recursive: true })
  const program = join(binDir, `docker-credential-${name}`)
  writeFileSync(program, SCRIPT(name, binDir))
  chmodSync(program, 0o755)
  writeFileSync(join(binDir, `${name}.json`), JSON.stringify(seed))
}

/** The actions the helper was asked to do, e.g. ['get https://index.docker.io/v1/']. */
export function helperCalls(binDir: string, name: string): string[] {
  try {
    return readFileSync(join(binDir, `${name}.log`), 'utf8')
      .split('\n')
      .filter(Boolean)
  } catch {
    return []
  }
}

export function helperStoreContents(binDir: string, name: string): Record<string, { Username: string; Secret: string }> {
  return JSON.parse(readFileSync(join(binDir, `${name}.json`), 'utf8')) as Record<string, { Username: string; Secret: string }>
}
