import type Docker from 'dockerode'
import { BerthError } from '../../src-shared/contract/errors'
import { cancelled, currentRequestScope } from '../streams/request-scope'

/** How long an engine call made for a contract request may wait for the engine's first answer. */
export interface DialDeadlines {
  /** Reads (GET, HEAD): lists, inspects. */
  readMs: number
  /** Changes (create, start, stop, remove): the engine may take a container's stop timeout first. */
  writeMs: number
}

export const DEFAULT_DEADLINES: DialDeadlines = { readMs: 15_000, writeMs: 60_000 }

// Explicit long operations: the engine works before it answers, for as long as the work takes
// (a prune, disk usage on a large host, waiting for a container). They wait, but stay cancellable.
const LONG_OPERATIONS = [/^\/system\/df/, /\/prune(\?|$)/, /^\/containers\/[^/]+\/wait/, /^\/images\/(create|load|get)/, /^\/images\/[^/]+(\/[^/]+)*\/push/, /^\/build/, /^\/commit/]

interface DialOptions {
  path: string
  method: string
  abortSignal?: AbortSignal
  isStream?: boolean
  hijack?: boolean
}
type DialCallback = (err: unknown, data: unknown) => void
type Dialer = { dial(options: DialOptions, callback: DialCallback): void }

/** The deadline for one engine call, or null for a long operation that waits for as long as it takes. */
export function deadlineFor(options: Pick<DialOptions, 'path' | 'method'>, deadlines: DialDeadlines): number | null {
  const path = options.path.replace(/^\/v[\d.]+/, '')
  if (LONG_OPERATIONS.some((p) => p.test(path))) return null
  return options.method === 'GET' || options.method === 'HEAD' ? deadlines.readMs : deadlines.writeMs
}

/** What a call that got no answer in time fails with. */
export function notAnswering(ms: number): BerthError {
  const seconds = Math.round(ms / 1000)
  return new BerthError('ENGINE_UNREACHABLE', `The engine did not answer within ${seconds} s. It may be busy or stalled; Berth keeps checking.`, { reason: 'engine_not_answering', seconds })
}

export function isNotAnswering(err: unknown): boolean {
  return err instanceof BerthError && err.details?.reason === 'engine_not_answering'
}

/**
 * Makes every call this client sends for a contract request end with that request: a cancel
 * aborts it (the socket to the engine is closed), and a call without an answer by its deadline
 * fails with engine_not_answering. A stream's deadline covers its first answer only; once open
 * it runs until closed, or until its request is cancelled. Calls made for no request (streams,
 * the connection's own checks) are left as they are.
 */
export function guardDials(docker: Docker, deadlines: () => DialDeadlines): Docker {
  const modem = docker.modem as unknown as Dialer | undefined
  // A stand-in client in a unit test has no modem to guard.
  if (typeof modem?.dial !== 'function') return docker
  const dial = modem.dial.bind(modem)
  modem.dial = (options, callback) => {
    const scope = currentRequestScope()
    if (!scope || options.abortSignal) return dial(options, callback)
    const controller = new AbortController()
    const cancel = () => controller.abort()
    scope.signal.addEventListener('abort', cancel, { once: true })
    const ms = deadlineFor(options, deadlines())
    let timedOut = false
    const timer =
      ms === null
        ? null
        : setTimeout(() => {
            timedOut = true
            controller.abort()
          }, ms)
    dial({ ...options, abortSignal: controller.signal }, (err, data) => {
      if (timer) clearTimeout(timer)
      const streaming = !err && (options.isStream || options.hijack)
      if (!streaming) scope.signal.removeEventListener('abort', cancel)
      if (err && timedOut && ms !== null) return callback(notAnswering(ms), null)
      if (err && scope.signal.aborted) return callback(cancelled(), null)
      callback(err, data)
    })
  }
  return docker
}
