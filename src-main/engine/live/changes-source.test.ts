import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ConnectionStatus } from '../../../src-shared/contract/engine'
import type { ContainerPatch, EngineEvent, EventBatch } from '../../../src-shared/contract/events'
import type { RowPatch } from '../../../src-shared/contract/live-list'
import { StreamRegistry } from '../../streams/registry'
import { LIVE_BATCH_MS, liveChangesSource, type LiveDomain, type LiveFeed } from './changes-source'

interface Row {
  id: string
  v: number
}

const status = (state: ConnectionStatus['state'], endpoint = 'local'): ConnectionStatus => ({
  state,
  endpoint: { id: endpoint, name: endpoint, url: 'unix:///var/run/docker.sock', source: 'socket', present: true },
  info: null,
  error: null,
  nextRetryAt: null,
  watchingSocket: false,
  trigger: 'choose',
  attempt: 0,
})

// The fake engine's clock reads ENGINE_NOW; news happens well after it unless a test says otherwise.
const ENGINE_NOW = 1_000_000
const LATER_NANO = (ENGINE_NOW + 60_000) * 1e6
const event = (type: string, action: string, id = 'x', timeNano = LATER_NANO): EngineEvent => ({ type, action, id, name: null, timeNano })
const batch = (...events: EngineEvent[]): EventBatch => ({ events, containers: [] })

/** The shared engine events and the connection, driven by the test. */
function fakeFeed(initial: ConnectionStatus = status('connected')) {
  const eventListeners = new Set<(b: EventBatch) => void>()
  const statusListeners = new Set<(s: ConnectionStatus) => void>()
  let current = initial
  const feed: LiveFeed = {
    onEngineEvents(l) {
      eventListeners.add(l)
      return () => eventListeners.delete(l)
    },
    status: () => current,
    engineNow: () => ENGINE_NOW,
    onStatus(l) {
      statusListeners.add(l)
      return () => statusListeners.delete(l)
    },
  }
  return {
    feed,
    send: (b: EventBatch) => eventListeners.forEach((l) => l(b)),
    setStatus(s: ConnectionStatus) {
      current = s
      statusListeners.forEach((l) => l(s))
    },
    listeners: () => eventListeners.size + statusListeners.size,
  }
}

/** A list the test edits, read through `list()`; `gate` holds the next readings until opened. */
function fakeEngine(rows: Row[]) {
  const engine = {
    rows,
    reads: 0,
    gate: null as Promise<void> | null,
    failing: false,
    async list(): Promise<Row[]> {
      engine.reads++
      await engine.gate
      if (engine.failing) throw new Error('engine unreachable')
      return engine.rows.map((r) => ({ ...r }))
    },
  }
  return engine
}

function relisting(engine: ReturnType<typeof fakeEngine>): LiveDomain<Row> {
  return { keyOf: (r) => r.id, list: () => engine.list(), touches: (b) => b.events.some((e) => e.type === 'thing') }
}

function open<R>(feed: LiveFeed, domain: LiveDomain<R>) {
  const sent: RowPatch<R>[][] = []
  const close = liveChangesSource(feed, domain).open(
    (m) => sent.push(m),
    () => undefined,
  )
  return { sent, close }
}

beforeEach(() => void vi.useFakeTimers())
afterEach(() => void vi.useRealTimers())

describe('a live list that re-lists and diffs', () => {
  it('reads a baseline without sending it, then sends only the rows a relevant burst added, changed or removed', async () => {
    const f = fakeFeed()
    const engine = fakeEngine([
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
      { id: 'c', v: 1 },
    ])
    const { sent } = open(f.feed, relisting(engine))
    await vi.advanceTimersByTimeAsync(0)
    expect(engine.reads).toBe(1)
    expect(sent).toEqual([])

    engine.rows = [
      { id: 'a', v: 1 },
      { id: 'b', v: 2 },
      { id: 'd', v: 1 },
    ]
    f.send(batch(event('thing', 'change')))
    await vi.advanceTimersByTimeAsync(LIVE_BATCH_MS)
    expect(sent).toEqual([
      [
        { key: 'b', row: { id: 'b', v: 2 } },
        { key: 'd', row: { id: 'd', v: 1 } },
        { key: 'c', row: null },
      ],
    ])
  })

  it('reads once for a burst of events in one window, and sends one message', async () => {
    const f = fakeFeed()
    const engine = fakeEngine([{ id: 'a', v: 1 }])
    const { sent } = open(f.feed, relisting(engine))
    await vi.advanceTimersByTimeAsync(0)
    engine.rows = [
      { id: 'a', v: 2 },
      { id: 'b', v: 1 },
    ]
    for (let i = 0; i < 10; i++) f.send(batch(event('thing', 'change', `e${i}`)))
    await vi.advanceTimersByTimeAsync(LIVE_BATCH_MS)
    expect(engine.reads).toBe(2)
    expect(sent).toHaveLength(1)
  })

  it('ignores news its domain calls irrelevant: no reading, nothing sent', async () => {
    const f = fakeFeed()
    const engine = fakeEngine([{ id: 'a', v: 1 }])
    const { sent } = open(f.feed, relisting(engine))
    await vi.advanceTimersByTimeAsync(0)
    engine.rows = [{ id: 'a', v: 2 }]
    f.send(batch(event('other', 'change')))
    await vi.advanceTimersByTimeAsync(LIVE_BATCH_MS * 4)
    expect(engine.reads).toBe(1)
    expect(sent).toEqual([])
  })

  it('sends nothing when a burst changed no row', async () => {
    const f = fakeFeed()
    const engine = fakeEngine([{ id: 'a', v: 1 }])
    const { sent } = open(f.feed, relisting(engine))
    await vi.advanceTimersByTimeAsync(0)
    f.send(batch(event('thing', 'touch')))
    await vi.advanceTimersByTimeAsync(LIVE_BATCH_MS)
    expect(engine.reads).toBe(2)
    expect(sent).toEqual([])
  })

  it('reads exactly once more for news that came during a reading, and sends what that reading found', async () => {
    const f = fakeFeed()
    const engine = fakeEngine([{ id: 'a', v: 1 }])
    const { sent } = open(f.feed, relisting(engine))
    await vi.advanceTimersByTimeAsync(0)
    let release!: () => void
    engine.gate = new Promise<void>((r) => (release = r))
    f.send(batch(event('thing', 'first')))
    await vi.advanceTimersByTimeAsync(LIVE_BATCH_MS)
    expect(engine.reads).toBe(2)
    // The engine changes after the reading started; three more events arrive meanwhile.
    engine.rows = [{ id: 'a', v: 2 }]
    for (let i = 0; i < 3; i++) f.send(batch(event('thing', 'later')))
    engine.gate = null
    release()
    await vi.advanceTimersByTimeAsync(LIVE_BATCH_MS)
    expect(engine.reads).toBe(3)
    expect(sent.flat()).toEqual([{ key: 'a', row: { id: 'a', v: 2 } }])
  })

  it('sends every row, and what went, for news from before its first reading: a subscriber’s own list may lack it', async () => {
    const f = fakeFeed()
    const engine = fakeEngine([
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
    ])
    const { sent } = open(f.feed, relisting(engine))
    await vi.advanceTimersByTimeAsync(0)
    engine.rows = [{ id: 'a', v: 1 }]
    f.send(batch(event('thing', 'change', 'x', (ENGINE_NOW - 10) * 1e6)))
    await vi.advanceTimersByTimeAsync(LIVE_BATCH_MS)
    expect(sent).toEqual([
      [
        { key: 'a', row: { id: 'a', v: 1 } },
        { key: 'b', row: null },
      ],
    ])
  })

  it('sends every row for news that arrived while its first reading was in flight', async () => {
    const f = fakeFeed()
    const engine = fakeEngine([{ id: 'a', v: 1 }])
    let release!: () => void
    engine.gate = new Promise<void>((r) => (release = r))
    const { sent } = open(f.feed, relisting(engine))
    await vi.advanceTimersByTimeAsync(0)
    f.send(batch(event('thing', 'change')))
    engine.gate = null
    release()
    await vi.advanceTimersByTimeAsync(LIVE_BATCH_MS)
    expect(engine.reads).toBe(2)
    expect(sent).toEqual([[{ key: 'a', row: { id: 'a', v: 1 } }]])
  })

  it('re-lists after a reconnect and sends what changed while the engine was away, removals included', async () => {
    const f = fakeFeed()
    const engine = fakeEngine([
      { id: 'a', v: 1 },
      { id: 'gone', v: 1 },
    ])
    const { sent } = open(f.feed, relisting(engine))
    await vi.advanceTimersByTimeAsync(0)
    f.setStatus(status('disconnected'))
    engine.rows = [
      { id: 'a', v: 1 },
      { id: 'new', v: 1 },
    ]
    f.setStatus(status('connecting'))
    await vi.advanceTimersByTimeAsync(LIVE_BATCH_MS)
    expect(engine.reads).toBe(1)
    f.setStatus(status('connected'))
    await vi.advanceTimersByTimeAsync(0)
    expect(engine.reads).toBe(2)
    expect(sent).toEqual([
      [
        { key: 'new', row: { id: 'new', v: 1 } },
        { key: 'gone', row: null },
      ],
    ])
  })

  it('re-lists when the engine is switched, so the old engine’s rows go', async () => {
    const f = fakeFeed(status('connected', 'one'))
    const engine = fakeEngine([{ id: 'on-one', v: 1 }])
    const { sent } = open(f.feed, relisting(engine))
    await vi.advanceTimersByTimeAsync(0)
    engine.rows = [{ id: 'on-two', v: 1 }]
    f.setStatus(status('connected', 'two'))
    await vi.advanceTimersByTimeAsync(0)
    expect(sent.flat()).toEqual([
      { key: 'on-two', row: { id: 'on-two', v: 1 } },
      { key: 'on-one', row: null },
    ])
  })

  it('does not re-list for a status that repeats the same connection', async () => {
    const f = fakeFeed()
    const engine = fakeEngine([{ id: 'a', v: 1 }])
    open(f.feed, relisting(engine))
    await vi.advanceTimersByTimeAsync(0)
    f.setStatus(status('connected'))
    await vi.advanceTimersByTimeAsync(LIVE_BATCH_MS)
    expect(engine.reads).toBe(1)
  })

  it('sends nothing for a failed reading, and every row it reads next when it never had a baseline', async () => {
    const f = fakeFeed(status('disconnected'))
    const engine = fakeEngine([{ id: 'a', v: 1 }])
    engine.failing = true
    const { sent } = open(f.feed, relisting(engine))
    await vi.advanceTimersByTimeAsync(0)
    expect(sent).toEqual([])
    engine.failing = false
    f.setStatus(status('connected'))
    await vi.advanceTimersByTimeAsync(0)
    expect(sent).toEqual([[{ key: 'a', row: { id: 'a', v: 1 } }]])
  })

  it('uses the domain’s notion of the same row', async () => {
    const f = fakeFeed()
    const engine = fakeEngine([{ id: 'a', v: 1 }])
    const { sent } = open(f.feed, { ...relisting(engine), same: (x, y) => x.id === y.id })
    await vi.advanceTimersByTimeAsync(0)
    engine.rows = [{ id: 'a', v: 9 }]
    f.send(batch(event('thing', 'change')))
    await vi.advanceTimersByTimeAsync(LIVE_BATCH_MS)
    expect(sent).toEqual([])
  })

  it('on close stops following the feed, clears its timer and sends nothing from a reading in flight', async () => {
    const f = fakeFeed()
    const engine = fakeEngine([{ id: 'a', v: 1 }])
    const { sent, close } = open(f.feed, relisting(engine))
    await vi.advanceTimersByTimeAsync(0)
    let release!: () => void
    engine.gate = new Promise<void>((r) => (release = r))
    engine.rows = [{ id: 'a', v: 2 }]
    f.send(batch(event('thing', 'change')))
    await vi.advanceTimersByTimeAsync(LIVE_BATCH_MS)
    f.send(batch(event('thing', 'queued')))
    close()
    expect(f.listeners()).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
    release()
    await vi.advanceTimersByTimeAsync(LIVE_BATCH_MS * 4)
    expect(sent).toEqual([])
    expect(engine.reads).toBe(2)
  })
})

describe('a live list whose news carries its rows (containers)', () => {
  const containerBatch = (...containers: ContainerPatch[]): EventBatch => ({ events: [], containers })
  const passing = (engine: ReturnType<typeof fakeEngine>): LiveDomain<Row> => ({
    keyOf: (r) => r.id,
    list: () => engine.list(),
    touches: (b) => b.containers.length > 0,
    patchesOf: (batches) => batches.flatMap((b) => b.containers.map((p) => ({ key: p.id, row: p.row as unknown as Row | null }))),
    batchMs: 0,
  })
  const patch = (id: string, v: number | null): ContainerPatch => ({ id, row: v === null ? null : ({ id, v } as never) })

  it('passes the rows on without reading the list again, the last one per key when batches merge', async () => {
    const f = fakeFeed()
    const engine = fakeEngine([{ id: 'a', v: 1 }])
    const { sent } = open(f.feed, passing(engine))
    await vi.advanceTimersByTimeAsync(0)
    f.send(containerBatch(patch('a', 2), patch('b', 1)))
    f.send(containerBatch(patch('a', 3)))
    f.send(batch(event('image', 'pull')))
    await vi.advanceTimersByTimeAsync(0)
    expect(engine.reads).toBe(1)
    expect(sent).toEqual([
      [
        { key: 'a', row: { id: 'a', v: 3 } },
        { key: 'b', row: { id: 'b', v: 1 } },
      ],
    ])
  })

  it('passes on a row re-read with no change too: it answers an event for that row', async () => {
    const f = fakeFeed()
    const engine = fakeEngine([{ id: 'a', v: 1 }])
    const { sent } = open(f.feed, passing(engine))
    await vi.advanceTimersByTimeAsync(0)
    f.send(containerBatch(patch('a', 1)))
    await vi.advanceTimersByTimeAsync(0)
    expect(sent).toEqual([[{ key: 'a', row: { id: 'a', v: 1 } }]])
  })

  it('after a reconnect sends only what differs from its baseline and the patches since', async () => {
    const f = fakeFeed()
    const engine = fakeEngine([
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
    ])
    const { sent } = open(f.feed, passing(engine))
    await vi.advanceTimersByTimeAsync(0)
    f.send(containerBatch(patch('a', 2), patch('b', null)))
    await vi.advanceTimersByTimeAsync(0)
    f.setStatus(status('disconnected'))
    engine.rows = [
      { id: 'a', v: 2 },
      { id: 'c', v: 1 },
    ]
    f.setStatus(status('connected'))
    await vi.advanceTimersByTimeAsync(0)
    expect(sent.at(-1)).toEqual([{ key: 'c', row: { id: 'c', v: 1 } }])
  })
})

describe('a live list in the stream registry', () => {
  it('opens once for its first subscriber, is shared, and stops following the feed after the last', async () => {
    const f = fakeFeed()
    const engine = fakeEngine([{ id: 'a', v: 1 }])
    const registry = new StreamRegistry()
    const make = () => liveChangesSource(f.feed, relisting(engine))
    const got: RowPatch<Row>[][] = []
    const subscriber = () => ({ onMessage: (m: RowPatch<Row>[]) => got.push(m), onEnd: () => undefined })
    const offA = registry.subscribe('things:changes', make, subscriber())
    const offB = registry.subscribe('things:changes', make, subscriber())
    await vi.advanceTimersByTimeAsync(0)
    expect(engine.reads).toBe(1)
    expect(f.listeners()).toBe(2)

    engine.rows = [{ id: 'a', v: 2 }]
    f.send(batch(event('thing', 'change')))
    await vi.advanceTimersByTimeAsync(LIVE_BATCH_MS)
    expect(got).toHaveLength(2)

    offA()
    expect(f.listeners()).toBe(2)
    offB()
    expect(f.listeners()).toBe(0)
    expect(registry.openKeys()).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })
})
