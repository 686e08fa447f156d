import { PassThrough } from 'node:stream'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ConnectionStatus, ContainerRow, EventBatch } from '../../../src-shared/contract'
import { BerthError } from '../../../src-shared/contract/errors'
import { openEngineStreams } from '../../streams/gauge'
import type { EngineConnection } from '../connection'
import type { ContainerService } from '../containers'
import { EVENT_BATCH_MS } from './batch-machine'
import { eventsSource } from './source'

const T0 = 1_732_370_000_000_000_000 // an engine timeNano

/**
 * A connection whose engine is a hand-driven event stream: enough to test how the source
 * follows the connection, without an engine (the integration tests use the real one).
 */
function fakeEngine() {
  const listeners = new Set<(s: ConnectionStatus) => void>()
  let status: ConnectionStatus = { state: 'connected', endpoint: null, info: null, error: null, nextRetryAt: null, watchingSocket: false, trigger: 'choose', attempt: 0 }
  const streams: PassThrough[] = []
  const getEvents = vi.fn(async (_opts: { since?: unknown }) => {
    const s = new PassThrough()
    streams.push(s)
    return s
  })
  const lost = vi.fn((_e: unknown) => setState('disconnected'))
  const setState = (state: ConnectionStatus['state']) => {
    status = { ...status, state }
    for (const l of [...listeners]) l(status)
  }
  const conn = {
    getStatus: () => status,
    onStatus: (l: (s: ConnectionStatus) => void) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    client: () => {
      if (status.state !== 'connected') throw new BerthError('ENGINE_UNREACHABLE', 'away')
      return { getEvents }
    },
    lost,
  }
  const row = listedRow
  const existing = new Set<string>()
  const containers = { rows: vi.fn(async (ids: string[]) => new Map(ids.filter((i) => existing.has(i)).map((i) => [i, row(i)]))), list: vi.fn(async () => [...existing].map(row)) }
  const send = (events: object[]) => streams.at(-1)!.write(events.map((e) => JSON.stringify(e)).join('\n') + '\n')
  return { conn: conn as unknown as EngineConnection, containers: containers as unknown as ContainerService, getEvents, streams, lost, setState, send, existing, listeners }
}

function listedRow(id: string): ContainerRow {
  return { id, name: id, image: 'i', command: '', created: 0, state: 'running', status: 'Up', health: null, ports: [], labels: {}, composeProject: null, composeService: null }
}

function ev(action: string, id: string, timeNano: number) {
  return { Type: 'container', Action: action, Actor: { ID: id, Attributes: { name: id } }, timeNano }
}

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

function open(f: ReturnType<typeof fakeEngine>) {
  const batches: EventBatch[] = []
  const close = eventsSource(f.conn, f.containers).open(
    (b) => batches.push(b),
    () => undefined,
  )
  cleanups.push(close)
  return { batches, close }
}

describe('eventsSource', () => {
  it('opens one engine stream while open and closes it when closed', async () => {
    const f = fakeEngine()
    const before = openEngineStreams('events')
    const { close } = open(f)
    await vi.waitFor(() => expect(openEngineStreams('events')).toBe(before + 1))
    close()
    expect(openEngineStreams('events')).toBe(before)
    expect(f.streams[0]!.destroyed).toBe(true)
    expect(f.listeners.size).toBe(0)
  })

  it('sends a burst of events as one batch with fresh rows, and null for a removed container', async () => {
    const f = fakeEngine()
    const { batches } = open(f)
    await vi.waitFor(() => expect(f.streams).toHaveLength(1))
    f.existing.add('a')
    f.send([ev('create', 'a', T0 + 1000), ev('start', 'a', T0 + 2000), ev('destroy', 'b', T0 + 3000)])
    await vi.waitFor(() => expect(batches).toHaveLength(1))
    expect(batches[0]!.events.map((e) => e.action)).toEqual(['create', 'start', 'destroy'])
    expect(batches[0]!.containers).toEqual([
      { id: 'a', row: expect.objectContaining({ id: 'a', state: 'running' }) },
      { id: 'b', row: null },
    ])
    expect(f.containers.rows).toHaveBeenCalledTimes(1)
  })

  it('reports the engine lost when its event stream ends, and resumes from the last event after reconnect', async () => {
    const f = fakeEngine()
    const { batches } = open(f)
    await vi.waitFor(() => expect(f.streams).toHaveLength(1))
    f.send([ev('start', 'a', T0 + 5000)])
    await vi.waitFor(() => expect(batches).toHaveLength(1))
    f.streams[0]!.end()
    await vi.waitFor(() => expect(f.lost).toHaveBeenCalledTimes(1))
    f.setState('connected')
    await vi.waitFor(() => expect(f.streams).toHaveLength(2))
    // A second before the newest event: one the engine published late is not missed.
    expect(f.getEvents.mock.calls[1]![0]).toEqual({ since: ((T0 + 5000 - 1e9) / 1e9).toFixed(9) })
    // The engine replays what it sent before; only the new one is news.
    f.send([ev('start', 'a', T0 + 5000), ev('die', 'a', T0 + 9000)])
    await vi.waitFor(() => expect(batches).toHaveLength(2))
    expect(batches[1]!.events.map((e) => e.action)).toEqual(['die'])
  })

  it('starts the engine stream a second before the subscription, so a list read after subscribing misses no change', async () => {
    const f = fakeEngine()
    const before = Date.now() * 1e6
    open(f)
    const after = Date.now() * 1e6
    await vi.waitFor(() => expect(f.streams).toHaveLength(1))
    const since = Number((f.getEvents.mock.calls[0]![0] as { since: string }).since) * 1e9
    expect(since).toBeGreaterThanOrEqual(before - 1e9 - 1e6)
    expect(since).toBeLessThanOrEqual(after - 1e9 + 1e6)
  })

  it('resumes from when it started listening if the engine went away before any event', async () => {
    const f = fakeEngine()
    const startedAt = Date.now() * 1e6
    open(f)
    await vi.waitFor(() => expect(f.streams).toHaveLength(1))
    f.setState('disconnected')
    f.setState('connected')
    await vi.waitFor(() => expect(f.streams).toHaveLength(2))
    const since = Number((f.getEvents.mock.calls[1]![0] as { since: string }).since)
    expect(since).toBeGreaterThanOrEqual(Math.floor(startedAt / 1e9) - 1)
  })

  it('reads a row again when the engine still lists the state from before the event (pause saved after its event)', async () => {
    const f = fakeEngine()
    const { batches } = open(f)
    await vi.waitFor(() => expect(f.streams).toHaveLength(1))
    f.existing.add('a')
    const rowIn = (state: ContainerRow['state']) => async (ids: string[]) => new Map(ids.map((i) => [i, { ...listedRow(i), state }]))
    vi.mocked(f.containers.rows).mockImplementationOnce(rowIn('running')).mockImplementationOnce(rowIn('paused'))
    f.send([ev('pause', 'a', T0 + 1)])
    await vi.waitFor(() => expect(batches).toHaveLength(1))
    expect(batches[0]!.containers).toEqual([{ id: 'a', row: expect.objectContaining({ state: 'paused' }) }])
    expect(f.containers.rows).toHaveBeenCalledTimes(2)
  })

  it('sends the last answer when the engine never agrees, after a bounded number of re-reads', async () => {
    const f = fakeEngine()
    const { batches } = open(f)
    await vi.waitFor(() => expect(f.streams).toHaveLength(1))
    f.existing.add('a')
    f.send([ev('pause', 'a', T0 + 1)])
    await vi.waitFor(() => expect(batches).toHaveLength(1))
    expect(batches[0]!.containers).toEqual([{ id: 'a', row: expect.objectContaining({ state: 'running' }) }])
    expect(f.containers.rows).toHaveBeenCalledTimes(5)
  })

  it('does not declare a just-created container gone while the engine does not list it yet, and sends its row once listed', async () => {
    const f = fakeEngine()
    const { batches } = open(f)
    await vi.waitFor(() => expect(f.streams).toHaveLength(1))
    f.send([ev('create', 'late', T0 + 1)])
    await vi.waitFor(() => expect(batches).toHaveLength(1))
    expect(batches[0]!.containers).toEqual([])
    f.existing.add('late')
    await vi.waitFor(() => expect(batches).toHaveLength(2), { timeout: 3000 })
    expect(batches[1]).toEqual({ events: [], containers: [{ id: 'late', row: expect.objectContaining({ id: 'late' }) }] })
  })

  it('reads a lagging row again after the batch and sends it once it agrees with its event', async () => {
    const f = fakeEngine()
    const { batches } = open(f)
    await vi.waitFor(() => expect(f.streams).toHaveLength(1))
    f.existing.add('a')
    f.send([ev('pause', 'a', T0 + 1)])
    await vi.waitFor(() => expect(batches).toHaveLength(1))
    expect(batches[0]!.containers).toEqual([{ id: 'a', row: expect.objectContaining({ state: 'running' }) }])
    vi.mocked(f.containers.rows).mockImplementation(async (ids: string[]) => new Map(ids.map((i) => [i, { ...listedRow(i), state: 'paused' as const }])))
    await vi.waitFor(() => expect(batches).toHaveLength(2), { timeout: 3000 })
    expect(batches[1]!.containers).toEqual([{ id: 'a', row: expect.objectContaining({ state: 'paused' }) }])
  })

  it('drops a lagging re-read once a newer event for the same container was sent', async () => {
    const f = fakeEngine()
    const { batches } = open(f)
    await vi.waitFor(() => expect(f.streams).toHaveLength(1))
    f.send([ev('create', 'gone', T0 + 1)])
    await vi.waitFor(() => expect(batches).toHaveLength(1))
    f.send([ev('destroy', 'gone', T0 + 2)])
    await vi.waitFor(() => expect(batches).toHaveLength(2))
    expect(batches[1]!.containers).toEqual([{ id: 'gone', row: null }])
    f.existing.add('gone')
    await new Promise((r) => setTimeout(r, 800))
    expect(batches).toHaveLength(2)
  })

  it('keeps an event that arrives after a newer one (the engine publishes concurrent kills out of order)', async () => {
    const f = fakeEngine()
    const { batches } = open(f)
    await vi.waitFor(() => expect(f.streams).toHaveLength(1))
    f.existing.add('a')
    f.existing.add('b')
    f.send([ev('die', 'b', T0 + 2000), ev('die', 'a', T0 + 1000)])
    await vi.waitFor(() => expect(batches).toHaveLength(1))
    expect(batches[0]!.events.map((e) => e.id)).toEqual(['b', 'a'])
    expect(batches[0]!.containers.map((p) => p.id)).toEqual(['b', 'a'])
  })

  it('skips every event a resumed stream replays from its overlap, and keeps the late one it had missed', async () => {
    const f = fakeEngine()
    const { batches } = open(f)
    await vi.waitFor(() => expect(f.streams).toHaveLength(1))
    f.send([ev('kill', 'a', T0 + 1000), ev('kill', 'b', T0 + 3000)])
    await vi.waitFor(() => expect(batches).toHaveLength(1))
    f.streams[0]!.end()
    await vi.waitFor(() => expect(f.lost).toHaveBeenCalledTimes(1))
    f.setState('connected')
    await vi.waitFor(() => expect(f.streams).toHaveLength(2))
    // `die a` happened before `kill b` but was never delivered on the first stream.
    f.send([ev('kill', 'a', T0 + 1000), ev('die', 'a', T0 + 2000), ev('kill', 'b', T0 + 3000)])
    await vi.waitFor(() => expect(batches).toHaveLength(2))
    expect(batches[1]!.events.map((e) => `${e.action} ${e.id}`)).toEqual(['die a'])
  })

  it('keeps distinct events that carry the same timestamp', async () => {
    const f = fakeEngine()
    const { batches } = open(f)
    await vi.waitFor(() => expect(f.streams).toHaveLength(1))
    f.send([ev('create', 'a', T0), ev('create', 'b', T0), ev('create', 'a', T0)])
    await vi.waitFor(() => expect(batches).toHaveLength(1))
    expect(batches[0]!.events.map((e) => e.id)).toEqual(['a', 'b'])
  })

  it('closes the engine stream while disconnected and opens none until connected', async () => {
    const f = fakeEngine()
    const before = openEngineStreams('events')
    open(f)
    await vi.waitFor(() => expect(openEngineStreams('events')).toBe(before + 1))
    f.setState('connecting')
    expect(openEngineStreams('events')).toBe(before)
    expect(f.lost).not.toHaveBeenCalled()
    f.setState('connected')
    await vi.waitFor(() => expect(openEngineStreams('events')).toBe(before + 1))
    expect(f.getEvents).toHaveBeenCalledTimes(2)
  })

  it('opens nothing while the engine is away, and the stream once it connects', async () => {
    const f = fakeEngine()
    f.setState('disconnected')
    open(f)
    await new Promise((r) => setImmediate(r))
    expect(f.getEvents).not.toHaveBeenCalled()
    f.setState('connected')
    await vi.waitFor(() => expect(f.getEvents).toHaveBeenCalledTimes(1))
  })

  it('sends nothing after it is closed, even for events already gathered', async () => {
    const f = fakeEngine()
    const { batches, close } = open(f)
    await vi.waitFor(() => expect(f.streams).toHaveLength(1))
    f.send([ev('start', 'a', T0 + 1)])
    await new Promise((r) => setImmediate(r))
    close()
    await new Promise((r) => setTimeout(r, EVENT_BATCH_MS * 3))
    expect(batches).toEqual([])
  })

  it('stops reading rows once closed, also for a batch whose re-reads are under way', async () => {
    const f = fakeEngine()
    const { batches, close } = open(f)
    await vi.waitFor(() => expect(f.streams).toHaveLength(1))
    f.existing.add('a')
    // The engine keeps listing the state from before the event: the batch reads again and again.
    f.send([ev('pause', 'a', T0 + 1)])
    await vi.waitFor(() => expect(f.containers.rows).toHaveBeenCalledTimes(1))
    close()
    const reads = vi.mocked(f.containers.rows).mock.calls.length
    await new Promise((r) => setTimeout(r, 600))
    expect(f.containers.rows).toHaveBeenCalledTimes(reads)
    expect(batches).toEqual([])
  })
})
