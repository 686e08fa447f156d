import { spawn } from 'node:child_process'
import { BerthError } from '../../src-shared/contract/errors'

// The docker-credential-helpers protocol: `docker-credential-<name> get|store|erase|list`, the
// server URL or a JSON document on stdin, JSON on stdout, an error sentence on stdout with a
// non-zero exit. Secrets pass through stdin/stdout only; nothing here is logged.

type HelperAction = 'get' | 'store' | 'erase' | 'list'

export interface HelperOptions {
  env: Record<string, string | undefined>
  timeoutMs: number
}

export interface HelperCredential {
  username: string
  secret: string
}

/** What every helper prints when it has nothing for the server (docker-credential-helpers' ErrCredentialsNotFound). */
const NOT_FOUND = /credentials not found/i
/** A helper name picks a program on PATH: nothing that could name a path or option. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

function helperProgram(name: string): string {
  if (!SAFE_NAME.test(name)) {
    throw new BerthError('INVALID_INPUT', `The credential helper name “${name}” in Docker's config.json is not a program name.`, { reason: 'registry_helper_failed', helper: name })
  }
  return `docker-credential-${name}`
}

/** Runs one helper action; resolves stdout, or null when the helper says it has no credentials. */
function runHelper(name: string, action: HelperAction, input: string, options: HelperOptions): Promise<string | null> {
  const program = helperProgram(name)
  return new Promise((resolve, reject) => {
    const fail = (why: string, extra: Record<string, string> = {}) =>
      reject(new BerthError('INTERNAL', `The credential helper ${program} could not ${action} credentials: ${why}`, { reason: 'registry_helper_failed', helper: name, ...extra }))
    let child: ReturnType<typeof spawn>
    try {
      child = spawn(program, [action], { env: options.env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true })
    } catch (err) {
      fail((err as Error).message)
      return
    }
    let out = ''
    let errText = ''
    let settled = false
    const timer = setTimeout(() => {
      if (settled) return
      settled = true
      child.kill('SIGKILL')
      reject(new BerthError('INTERNAL', `The credential helper ${program} did not answer within ${Math.round(options.timeoutMs / 1000)} s.`, { reason: 'registry_helper_timeout', helper: name }))
    }, options.timeoutMs)
    child.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')))
    child.stderr?.on('data', (d: Buffer) => (errText = (errText + d.toString('utf8')).slice(-2000)))
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      fail(err.code === 'ENOENT' ? `${program} is not installed or not on PATH.` : err.message, err.code === 'ENOENT' ? { missing: 'true' } : {})
    })
    child.on('close', (code) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (code === 0) return resolve(out)
      // The helper's own error sentence is on stdout; it never holds the secret.
      const said = ((out.trim() || errText.trim()).split('\n')[0] ?? '').slice(0, 300)
      if (NOT_FOUND.test(said)) return resolve(null)
      fail(said || `it exited with code ${code}.`)
    })
    // A helper that exits before reading stdin closes the pipe; the exit code tells the story.
    child.stdin?.on('error', () => undefined)
    child.stdin?.end(input)
  })
}

export async function helperGet(name: string, serverUrl: string, options: HelperOptions): Promise<HelperCredential | null> {
  const out = await runHelper(name, 'get', serverUrl, options)
  if (out === null) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(out)
  } catch {
    parsed = null
  }
  const doc = parsed as { Username?: unknown; Secret?: unknown } | null
  if (!doc || typeof doc.Secret !== 'string') {
    throw new BerthError('INTERNAL', `The credential helper ${helperProgram(name)} answered something that is not a credential.`, { reason: 'registry_helper_failed', helper: name })
  }
  return { username: typeof doc.Username === 'string' ? doc.Username : '', secret: doc.Secret }
}

export async function helperStore(name: string, serverUrl: string, username: string, secret: string, options: HelperOptions): Promise<void> {
  await runHelper(name, 'store', JSON.stringify({ ServerURL: serverUrl, Username: username, Secret: secret }), options)
}

export async function helperErase(name: string, serverUrl: string, options: HelperOptions): Promise<void> {
  await runHelper(name, 'erase', serverUrl, options)
}

/** Server URL → user name, as the helper lists them (no secrets). */
export async function helperList(name: string, options: HelperOptions): Promise<Record<string, string>> {
  const out = await runHelper(name, 'list', 'unused', options)
  if (out === null || out.trim() === '') return {}
  try {
    const parsed = JSON.parse(out) as unknown
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {}
    return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'))
  } catch {
    throw new BerthError('INTERNAL', `The credential helper ${helperProgram(name)} listed something that is not JSON.`, { reason: 'registry_helper_failed', helper: name })
  }
}
