import type Docker from 'dockerode'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ConnectionStatus } from '../../src-shared/contract'
import { BACKOFF_LOCAL_MAX_MS, BACKOFF_MAX_MS } from './backoff'
import { EngineConnection } from './connection'
import { notAnswering } from './dial-deadline'
import { FakeSocketFolders } from './fixtures/fake-socket-folders'
import type { ResolvedEndpoint } from './resolved-endpoint'
import { SOCKET_SETTLE_MS, watchSocket } from './socket-watch'

const SOCKET = '/var/run/docker.sock'
const local: ResolvedEndpoint = { id: 'socket:docker', name: 'Docker', url: `unix://${SOCKET}`, source: 'socket', present: true }
const other: ResolvedEndpoint = { id: 'user:x', name: 'other', url: 'unix:///tmp/other.sock', source: 'user', present: true }
const remote: ResolvedEndpoint = { id: 'user:tcp', name: 'remote', url: 'tcp://10.0.0.2:2375', source: 'user', present: true }
const pipe: ResolvedEndpoint = { id: 'socket:pipe', name: 'Docker Desktop', url: 'npipe:////./pipe/docker_engine', source: 'socket', present: true }

const refused = () => Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED' })

/** An engine that answers info/version, or fails the way a dead socket does; flipped by the test. */
function fakeEngines() {
  const state = { up: true, hang: false, answerAfterMs: 0, made: [] as ResolvedEndpoint[] }
  const make = (e: ResolvedEndpoint) => {
    state.made.push(e)
    const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), state.answerAfterMs))
    const answer = <T>(value: T) => (state.hang ? new Promise<T>(() => undefined) : !state.up ? Promise.reject(refused()) : state.answerAfterMs > 0 ? later(value) : Promise.resolve(value))
    return {
      info: () => answer({ Name: 'host', NCPU: 2, MemTotal: 1024, OperatingSystem: 'Debian', OSType: 'linux', Architecture: 'x86_64' }),
      version: () => answer({ Version: '20.10.24', ApiVersion: '1.41' }),
      ping: () => answer('OK'),
    } as unknown as Docker
  }
  return { state, make }
}

function watch(conn: EngineConnection) {
  const seen: ConnectionStatus[] = []
  conn.onStatus((s) => seen.push(s))
  return seen
}

let conn: EngineConnection
let engines: ReturnType<typeof fakeEngines>
let folders: FakeSocketFolders
beforeEach(() => {
  vi.useFakeTimers()
  engines = fakeEngines()
  // The sockets' folders, with the engine's socket in place; tests remove it as a stopped engine does.
  folders = new FakeSocketFolders(['/var/run', '/tmp'])
  folders.bind(SOCKET)
  folders.bind('/tmp/other.sock')
  conn = new EngineConnection(engines.make, (path, onReturn, onBroken) => watchSocket(path, onReturn, onBroken, folders))
})
afterEach(() => {
  conn.dispose()
  vi.useRealTimers()
})

describe('EngineConnection', () => {
  it('starts disconnected with no endpoint, and refuses engine calls', () => {
    expect(conn.getStatus()).toMatchObject({ state: 'disconnected', endpoint: null })
    expect(() => conn.client()).toThrow(expect.objectContaining({ code: 'ENGINE_UNREACHABLE' }))
  })

  it('goes connecting → connected and reports what the engine is', async () => {
    const seen = watch(conn)
    const status = await conn.use(local)
    expect(seen.map((s) => s.state)).toEqual(['connecting', 'connected'])
    expect(status).toMatchObject({ state: 'connected', error: null, nextRetryAt: null, endpoint: { id: 'socket:docker', url: local.url } })
    expect(status.info).toMatchObject({ serverVersion: '20.10.24', apiVersion: '1.41', cpus: 2, osType: 'linux', endpointName: 'Docker' })
    expect(conn.client()).toBeDefined()
  })

  it('goes disconnected with ENGINE_UNREACHABLE and a next retry time when the engine is not there', async () => {
    engines.state.up = false
    const status = await conn.use(local)
    expect(status.state).toBe('disconnected')
    expect(status.error).toMatchObject({ code: 'ENGINE_UNREACHABLE' })
    expect(status.nextRetryAt).toBeGreaterThan(Date.now())
    expect(status.attempt).toBe(1)
  })

  it('retries a remote engine by itself with growing delays up to 5 s, and connects once it is back', async () => {
    engines.state.up = false
    await conn.use(remote)
    const delays: number[] = []
    for (let i = 0; i < 7; i++) {
      const s = conn.getStatus()
      delays.push(s.nextRetryAt! - Date.now())
      await vi.advanceTimersToNextTimerAsync()
    }
    expect(delays[1]!).toBeGreaterThan(delays[0]!)
    expect(Math.max(...delays)).toBeLessThanOrEqual(BACKOFF_MAX_MS)
    expect(Math.max(...delays)).toBeGreaterThan(BACKOFF_LOCAL_MAX_MS)
    expect(conn.getStatus()).toMatchObject({ state: 'disconnected', attempt: 8, watchingSocket: false })
    expect(folders.watched()).toEqual([])
    engines.state.up = true
    await vi.advanceTimersToNextTimerAsync()
    expect(conn.getStatus()).toMatchObject({ state: 'connected', attempt: 0, error: null, trigger: 'timer' })
    expect(vi.getTimerCount()).toBe(0)
  })

  it('runs no timer while connected', async () => {
    await conn.use(local)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('"retry now" connects at once instead of waiting out the backoff', async () => {
    engines.state.up = false
    await conn.use(local)
    engines.state.up = true
    const status = await conn.retryNow()
    expect(status.state).toBe('connected')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('"retry now" leaves a working connection alone', async () => {
    await conn.use(local)
    const made = engines.state.made.length
    expect((await conn.retryNow()).state).toBe('connected')
    expect(engines.state.made.length).toBe(made)
  })

  it('marks the connection lost when an engine call fails at the socket, and not for an engine answer', async () => {
    await conn.use(local)
    const notFound = Object.assign(new Error('(HTTP code 404) no such container - No such container: x'), { statusCode: 404, json: { message: 'No such container: x' } })
    await expect(conn.run(() => Promise.reject(notFound), { kind: 'container', ref: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(conn.getStatus().state).toBe('connected')
    engines.state.up = false
    await expect(conn.run(() => Promise.reject(refused()))).rejects.toMatchObject({ code: 'ENGINE_UNREACHABLE' })
    expect(conn.getStatus()).toMatchObject({ state: 'disconnected', error: { code: 'ENGINE_UNREACHABLE' } })
    expect(conn.getStatus().nextRetryAt).not.toBeNull()
  })

  it('gives up on an engine that does not answer and retries later', async () => {
    engines.state.hang = true
    const attempt = conn.use(local)
    await vi.advanceTimersByTimeAsync(3000)
    const status = await attempt
    expect(status).toMatchObject({ state: 'disconnected', error: { code: 'ENGINE_UNREACHABLE', details: { reason: 'engine_not_answering' } } })
  })

  it('stays connected when one request got no answer in time but the engine still answers a ping', async () => {
    await conn.use(local)
    await expect(conn.run(() => Promise.reject(notAnswering(15_000)))).rejects.toMatchObject({ details: { reason: 'engine_not_answering', seconds: 15 } })
    await conn.probe()
    expect(conn.getStatus().state).toBe('connected')
  })

  it('goes disconnected with engine_not_answering when, after a request got no answer, the ping gets none either', async () => {
    await conn.use(local)
    engines.state.hang = true
    await expect(conn.run(() => Promise.reject(notAnswering(15_000)))).rejects.toMatchObject({ code: 'ENGINE_UNREACHABLE' })
    expect(conn.getStatus().state).toBe('connected')
    await vi.advanceTimersByTimeAsync(3000)
    expect(conn.getStatus()).toMatchObject({ state: 'disconnected', error: { code: 'ENGINE_UNREACHABLE', details: { reason: 'engine_not_answering' } } })
    // It answers again: the next attempt connects.
    engines.state.hang = false
    await vi.advanceTimersByTimeAsync(BACKOFF_LOCAL_MAX_MS + 1)
    expect(conn.getStatus().state).toBe('connected')
  })

  it('ignores the answer of an attempt that a newer choice of engine replaced', async () => {
    engines.state.hang = true
    void conn.use(local)
    engines.state.hang = false
    const status = await conn.use(other)
    expect(status).toMatchObject({ state: 'connected', endpoint: { id: 'user:x' } })
  })

  it('stops retrying once disposed', async () => {
    engines.state.up = false
    await conn.use(local)
    conn.dispose()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('waits for a missing local socket with no timer, and reconnects the moment it is back: on the socket’s return, not a timer', async () => {
    await conn.use(local)
    const seen = watch(conn)
    folders.unlink(SOCKET)
    engines.state.up = false
    await expect(conn.run(() => Promise.reject(refused()))).rejects.toMatchObject({ code: 'ENGINE_UNREACHABLE' })
    expect(conn.getStatus()).toMatchObject({ state: 'disconnected', nextRetryAt: null, watchingSocket: true, error: { code: 'ENGINE_UNREACHABLE' } })
    expect(vi.getTimerCount()).toBe(0)
    expect(folders.watched()).toEqual(['/var/run'])

    const made = engines.state.made.length
    await vi.advanceTimersByTimeAsync(5 * 60_000)
    expect(engines.state.made.length).toBe(made)
    expect(conn.getStatus().state).toBe('disconnected')

    engines.state.up = true
    folders.bind(SOCKET)
    await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS)
    expect(conn.getStatus()).toMatchObject({ state: 'connected', trigger: 'socket', watchingSocket: false, error: null })
    expect(seen.map((s) => [s.state, s.trigger])).toEqual([
      ['disconnected', 'choose'],
      ['connecting', 'socket'],
      ['connected', 'socket'],
    ])
    expect(folders.watched()).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('retries a local socket that is there but refuses within 1 s each time, and at once when a new socket replaces it', async () => {
    engines.state.up = false
    await conn.use(local)
    const delays: number[] = []
    for (let i = 0; i < 6; i++) {
      const s = conn.getStatus()
      expect(s).toMatchObject({ state: 'disconnected', watchingSocket: true })
      delays.push(s.nextRetryAt! - Date.now())
      await vi.advanceTimersToNextTimerAsync()
    }
    expect(Math.max(...delays)).toBeLessThanOrEqual(BACKOFF_LOCAL_MAX_MS)
    expect(conn.getStatus().trigger).toBe('timer')

    engines.state.up = true
    folders.unlink(SOCKET)
    folders.bind(SOCKET)
    await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS)
    expect(conn.getStatus()).toMatchObject({ state: 'connected', trigger: 'socket' })
    expect(vi.getTimerCount()).toBe(0)
  })

  it('waits longer for the first answer of an engine whose socket just appeared, which holds the connection while it starts', async () => {
    folders.unlink(SOCKET)
    engines.state.up = false
    await conn.use(local)
    engines.state.up = true
    engines.state.answerAfterMs = 8000
    folders.bind(SOCKET)
    await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS)
    expect(conn.getStatus()).toMatchObject({ state: 'connecting', trigger: 'socket' })
    await vi.advanceTimersByTimeAsync(8000)
    expect(conn.getStatus()).toMatchObject({ state: 'connected', trigger: 'socket' })
  })

  it('"retry now" while waiting for the socket tries at once and keeps watching when it fails', async () => {
    folders.unlink(SOCKET)
    engines.state.up = false
    await conn.use(local)
    expect((await conn.retryNow()).trigger).toBe('retry')
    expect(conn.getStatus()).toMatchObject({ state: 'disconnected', nextRetryAt: null, watchingSocket: true })
    engines.state.up = true
    folders.bind(SOCKET)
    await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS)
    expect(conn.getStatus()).toMatchObject({ state: 'connected', trigger: 'socket' })
  })

  it('retries on the timer alone when the socket’s folder cannot be watched', async () => {
    folders.unwatchable.add('/var/run')
    folders.unlink(SOCKET)
    engines.state.up = false
    await conn.use(local)
    expect(conn.getStatus()).toMatchObject({ state: 'disconnected', watchingSocket: false, nextRetryAt: expect.any(Number) })
    engines.state.up = true
    await vi.advanceTimersToNextTimerAsync()
    expect(conn.getStatus()).toMatchObject({ state: 'connected', trigger: 'timer' })
  })

  it('goes over to the timer when the watch breaks while it waits for the socket', async () => {
    folders.unlink(SOCKET)
    engines.state.up = false
    await conn.use(local)
    expect(conn.getStatus().nextRetryAt).toBeNull()
    folders.unwatchable.add('/var')
    folders.rmdir('/var/run')
    await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS)
    expect(conn.getStatus()).toMatchObject({ state: 'disconnected', watchingSocket: false, nextRetryAt: expect.any(Number) })
  })

  it('retries a named pipe on the local backoff (at most 1 s), as a pipe has no folder to watch', async () => {
    engines.state.up = false
    await conn.use(pipe)
    for (let i = 0; i < 6; i++) {
      const s = conn.getStatus()
      expect(s).toMatchObject({ state: 'disconnected', watchingSocket: false })
      expect(s.nextRetryAt! - Date.now()).toBeLessThanOrEqual(BACKOFF_LOCAL_MAX_MS)
      await vi.advanceTimersToNextTimerAsync()
    }
    expect(folders.watched()).toEqual([])
  })

  it('stops watching the socket on a switch of engine and when disposed', async () => {
    folders.unlink(SOCKET)
    engines.state.up = false
    await conn.use(local)
    expect(folders.watched()).toEqual(['/var/run'])
    folders.unlink('/tmp/other.sock')
    await conn.use(other)
    expect(folders.watched()).toEqual(['/tmp'])
    // The old engine's socket coming back no longer matters.
    engines.state.up = true
    folders.bind(SOCKET)
    await vi.advanceTimersByTimeAsync(SOCKET_SETTLE_MS)
    expect(conn.getStatus()).toMatchObject({ state: 'disconnected', endpoint: { id: 'user:x' } })
    conn.dispose()
    expect(folders.watched()).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })
})
