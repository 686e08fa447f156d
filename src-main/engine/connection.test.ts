import type Docker from 'dockerode'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ConnectionStatus } from '../../src-shared/contract'
import { BACKOFF_MAX_MS } from './backoff'
import { EngineConnection } from './connection'
import type { ResolvedEndpoint } from './resolved-endpoint'

const local: ResolvedEndpoint = { id: 'socket:docker', name: 'Docker', url: 'unix:///var/run/docker.sock', source: 'socket', present: true }
const other: ResolvedEndpoint = { id: 'user:x', name: 'other', url: 'unix:///tmp/other.sock', source: 'user', present: true }

const refused = () => Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED' })

/** An engine that answers info/version, or fails the way a dead socket does; flipped by the test. */
function fakeEngines() {
  const state = { up: true, hang: false, made: [] as ResolvedEndpoint[] }
  const make = (e: ResolvedEndpoint) => {
    state.made.push(e)
    const answer = <T>(value: T) => (state.hang ? new Promise<T>(() => undefined) : state.up ? Promise.resolve(value) : Promise.reject(refused()))
    return {
      info: () => answer({ Name: 'host', NCPU: 2, MemTotal: 1024, OperatingSystem: 'Debian', OSType: 'linux', Architecture: 'x86_64' }),
      version: () => answer({ Version: '20.10.24', ApiVersion: '1.41' }),
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
beforeEach(() => {
  vi.useFakeTimers()
  engines = fakeEngines()
  conn = new EngineConnection(engines.make)
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

  it('retries by itself with growing delays and connects once the engine is back', async () => {
    engines.state.up = false
    await conn.use(local)
    const delays: number[] = []
    for (let i = 0; i < 7; i++) {
      const s = conn.getStatus()
      delays.push(s.nextRetryAt! - Date.now())
      await vi.advanceTimersToNextTimerAsync()
    }
    expect(delays[1]!).toBeGreaterThan(delays[0]!)
    expect(Math.max(...delays)).toBeLessThanOrEqual(BACKOFF_MAX_MS)
    expect(conn.getStatus()).toMatchObject({ state: 'disconnected', attempt: 8 })
    engines.state.up = true
    await vi.advanceTimersToNextTimerAsync()
    expect(conn.getStatus()).toMatchObject({ state: 'connected', attempt: 0, error: null })
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
    expect(status).toMatchObject({ state: 'disconnected', error: { code: 'ENGINE_UNREACHABLE' } })
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
})
