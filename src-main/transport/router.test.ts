import { beforeEach, describe, expect, it, vi } from 'vitest'
import { BerthError, type ConnectionStatus } from '../../src-shared/contract'
import type { EngineConnection } from '../engine/connection'
import type { ContainerService } from '../engine/containers'
import { containerChannels } from '../engine/containers-channels'
import { engineChannels } from '../engine/engine-channels'
import { eventChannels } from '../engine/events-channels'
import type { KnownEngines } from '../engine/known-engines'
import type { LiveFeed } from '../engine/live/changes-source'
import { StreamRegistry } from '../streams/registry'
import { currentRequestScope } from '../streams/request-scope'
import type { ChannelTable } from './channel-table'
import { ClientSession, Router, type StreamSink } from './router'

const STATUS: ConnectionStatus = { state: 'connected', endpoint: null, info: null, error: null, nextRetryAt: null, watchingSocket: false, trigger: 'choose', attempt: 0 }

/**
 * The containers, engine and events domains on stand-in services (the channels these tests use):
 * every call is recorded so tests can prove none happened.
 */
function stubServices() {
  const statusListeners = new Set<(s: ConnectionStatus) => void>()
  const containers = {
    list: vi.fn(async () => []),
    rows: vi.fn(async () => new Map()),
    inspect: vi.fn(async (id: string) => ({ Id: id, Name: `/${id}` })),
    act: vi.fn(async () => undefined),
    remove: vi.fn(async () => undefined),
  }
  const connection = {
    getStatus: vi.fn(() => STATUS),
    retryNow: vi.fn(async () => STATUS),
    onStatus: vi.fn((l: (s: ConnectionStatus) => void) => {
      statusListeners.add(l)
      return () => statusListeners.delete(l)
    }),
    client: vi.fn(() => {
      throw new BerthError('ENGINE_UNREACHABLE', 'not in unit tests')
    }),
  }
  const engines = { list: vi.fn(() => ({ endpoints: [], activeId: null })), select: vi.fn(async () => STATUS), add: vi.fn(), forget: vi.fn() }
  const conn = connection as unknown as EngineConnection
  const rows = containers as unknown as ContainerService
  // The router tests never subscribe to containers:changes: a feed that says so if they did.
  const unusedFeed = new Proxy({} as LiveFeed, {
    get: () => () => {
      throw new Error('the live feed is not used in router tests')
    },
  })
  const domains = [
    containerChannels({ containers: rows, liveFeed: unusedFeed }),
    engineChannels({ connection: conn, engines: engines as unknown as KnownEngines }),
    eventChannels({ connection: conn, containers: rows }),
  ]
  const channels = { requests: Object.assign({}, ...domains.map((d) => d.requests)), topics: Object.assign({}, ...domains.map((d) => d.topics)) } as ChannelTable
  const services = { channels, streams: new StreamRegistry() }
  const calls = () =>
    [containers, connection, engines]
      .flatMap((o) => Object.values(o))
      .filter((f): f is ReturnType<typeof vi.fn> => vi.isMockFunction(f))
      .filter((f) => f !== connection.getStatus)
      .reduce((n, f) => n + f.mock.calls.length, 0)
  return { services, containers, connection, statusListeners, calls, router: new Router(services, () => undefined) }
}

function collectingSink() {
  const frames: { kind: 'message' | 'end'; sub: string; data?: unknown }[] = []
  const sink: StreamSink = {
    message: (sub, data) => frames.push({ kind: 'message', sub, data }),
    end: (sub, error) => frames.push({ kind: 'end', sub, data: error }),
  }
  return { frames, sink }
}

const nextTurn = () => new Promise<void>((r) => setImmediate(r))

function deeplyNested(levels: number): unknown {
  let v: unknown = 'web'
  for (let i = 0; i < levels; i++) v = { id: v }
  return v
}

let t: ReturnType<typeof stubServices>
beforeEach(() => {
  t = stubServices()
})

describe('Router.invoke refuses malformed requests before any service runs', () => {
  const refused: [string, unknown, unknown][] = [
    ['an unknown channel', 'containers:explode', { id: 'web' }],
    ['a channel that is an Object.prototype name', 'toString', undefined],
    ['a channel named __proto__', '__proto__', undefined],
    ['a channel named constructor', 'constructor', undefined],
    ['a channel that is not a string', 42, undefined],
    ['a channel that is an object', { name: 'containers:list' }, undefined],
    ['an id of the wrong type', 'containers:start', { id: 42 }],
    ['a missing id', 'containers:start', {}],
    ['params that are not an object', 'containers:start', 'web'],
    ['params that are null', 'containers:list', null],
    ['params that are an array', 'containers:start', ['web']],
    ['an extra key', 'containers:start', { id: 'web', also: 'this' }],
    ['an extra key on a channel without params', 'containers:list', { all: true }],
    ['an id that is a path', 'containers:inspect', { id: '../../etc/passwd' }],
    ['an id with a space', 'containers:inspect', { id: 'web db' }],
    ['an id of 1 MB', 'containers:start', { id: 'a'.repeat(1024 * 1024) }],
    ['an engine URL of 1 MB', 'engine:add', { url: `unix:///${'a'.repeat(1024 * 1024)}` }],
    ['a 1 MB string in an extra key', 'containers:list', { pad: 'x'.repeat(1024 * 1024) }],
    ['600k Hangul characters (1.8 MB of UTF-8)', 'engine:add', { url: 'unix:///x', name: '한'.repeat(600_000) }],
    ['a __proto__ key', 'containers:start', JSON.parse('{"id":"web","__proto__":{"polluted":true}}')],
    ['a constructor key', 'containers:start', JSON.parse('{"id":"web","constructor":{"prototype":{"polluted":true}}}')],
    ['a prototype key nested deep inside', 'containers:stop', JSON.parse('{"id":"web","a":{"b":[{"prototype":1}]}}')],
    ['nesting 40 levels deep', 'containers:start', deeplyNested(40)],
    ['nesting 200 000 levels deep', 'containers:start', deeplyNested(200_000)],
    ['a negative stop timeout', 'containers:stop', { id: 'web', timeoutSeconds: -1 }],
    ['a fractional stop timeout', 'containers:stop', { id: 'web', timeoutSeconds: 1.5 }],
    ['a signal that is not a signal name', 'containers:kill', { id: 'web', signal: 'KILL; rm -rf /' }],
    ['force given as a string', 'containers:remove', { id: 'web', force: 'yes' }],
    ['an engine URL with an unknown scheme', 'engine:add', { url: 'http://evil.example' }],
  ]

  it.each(refused)('%s is INVALID_INPUT', async (_what, channel, params) => {
    const out = await t.router.invoke(channel, params)
    expect(out.ok).toBe(false)
    if (out.ok) return
    expect(out.error.code).toBe('INVALID_INPUT')
    expect(out.error.message).toMatch(/^Berth refused a malformed request \(.+\)\.$/)
    expect(out.error.message.length).toBeLessThan(2000)
    expect(t.calls()).toBe(0)
  })

  it('does not let a __proto__ key pollute Object.prototype', async () => {
    await t.router.invoke('containers:start', JSON.parse('{"id":"web","__proto__":{"polluted":true}}'))
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('names the offending field in the message', async () => {
    const out = await t.router.invoke('containers:start', { id: 42 })
    expect(!out.ok && out.error.message).toContain('id:')
  })
})

describe('Router.invoke with valid requests', () => {
  it('passes validated params, with defaults filled in, to the service', async () => {
    const out = await t.router.invoke('containers:remove', { id: 'web' })
    expect(out).toEqual({ ok: true, value: null })
    expect(t.containers.remove).toHaveBeenCalledWith('web', false, false)
  })

  it('accepts a channel without params given nothing or an empty object', async () => {
    expect(await t.router.invoke('containers:list', undefined)).toEqual({ ok: true, value: [] })
    expect(await t.router.invoke('containers:list', {})).toEqual({ ok: true, value: [] })
    expect(t.containers.list).toHaveBeenCalledTimes(2)
  })

  it('routes each container action to the service', async () => {
    await t.router.invoke('containers:stop', { id: 'web', timeoutSeconds: 3 })
    await t.router.invoke('containers:kill', { id: 'web', signal: 'SIGTERM' })
    await t.router.invoke('containers:pause', { id: 'web' })
    expect(t.containers.act.mock.calls).toEqual([
      ['web', 'stop', { timeoutSeconds: 3 }],
      ['web', 'kill', { signal: 'SIGTERM' }],
      ['web', 'pause'],
    ])
  })

  it('returns a BerthError thrown by a service as its shape', async () => {
    t.containers.inspect.mockRejectedValueOnce(new BerthError('NOT_FOUND', 'Container “web” does not exist.', { ref: 'web' }))
    expect(await t.router.invoke('containers:inspect', { id: 'web' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Container “web” does not exist.', details: { ref: 'web' } },
    })
  })

  it('turns anything else a service throws, even synchronously, into INTERNAL instead of crashing', async () => {
    t.containers.list.mockImplementationOnce(() => {
      throw new TypeError('x is undefined')
    })
    const out = await t.router.invoke('containers:list', undefined)
    expect(out).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(!out.ok && out.error.message).toContain('x is undefined')
  })
})

describe('Router.subscribe', () => {
  it('refuses an unknown topic and extra params as INVALID_INPUT without opening a stream', () => {
    const session = new ClientSession()
    const { sink, frames } = collectingSink()
    for (const [topic, params] of [
      ['stats:everything', undefined],
      ['hasOwnProperty', undefined],
      [7, undefined],
      ['events:stream', { since: 0 }],
      ['engine:state', JSON.parse('{"__proto__":{}}')],
    ] as [unknown, unknown][]) {
      const out = t.router.subscribe(session, topic, params, sink)
      expect(out).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    expect(t.services.streams.openKeys()).toEqual([])
    expect(session.subscriptions.size).toBe(0)
    expect(frames).toEqual([])
    expect(t.calls()).toBe(0)
  })

  it('sends the current state only after the subscription id is answered', async () => {
    const session = new ClientSession()
    const { sink, frames } = collectingSink()
    const out = t.router.subscribe(session, 'engine:state', undefined, sink)
    expect(out).toEqual({ ok: true, value: 's1' })
    expect(frames).toEqual([])
    await nextTurn()
    expect(frames).toEqual([{ kind: 'message', sub: 's1', data: STATUS }])
  })

  it('forwards later messages under the subscription id', async () => {
    const session = new ClientSession()
    const { sink, frames } = collectingSink()
    t.router.subscribe(session, 'engine:state', {}, sink)
    await nextTurn()
    const next: ConnectionStatus = { ...STATUS, state: 'disconnected' }
    for (const l of t.statusListeners) l(next)
    expect(frames.at(-1)).toEqual({ kind: 'message', sub: 's1', data: next })
  })

  it('gives each subscription of a session its own id and shares one source between them', async () => {
    const session = new ClientSession()
    const { sink } = collectingSink()
    const a = t.router.subscribe(session, 'engine:state', undefined, sink)
    const b = t.router.subscribe(session, 'engine:state', undefined, sink)
    expect(a.ok && b.ok && a.value !== b.value).toBe(true)
    expect(t.services.streams.subscriberCount('engine')).toBe(2)
    expect(t.connection.onStatus).toHaveBeenCalledTimes(1)
  })

  it('closes the source when its last subscription is unsubscribed', () => {
    const session = new ClientSession()
    const { sink } = collectingSink()
    const a = t.router.subscribe(session, 'engine:state', undefined, sink)
    const b = t.router.subscribe(session, 'engine:state', undefined, sink)
    t.router.unsubscribe(session, a.ok && a.value)
    expect(t.statusListeners.size).toBe(1)
    t.router.unsubscribe(session, b.ok && b.value)
    expect(t.statusListeners.size).toBe(0)
    expect(t.services.streams.openKeys()).toEqual([])
    expect(session.subscriptions.size).toBe(0)
  })

  it('ignores unsubscribing an id it never gave out, or one that is not a string', () => {
    const session = new ClientSession()
    const { sink } = collectingSink()
    t.router.subscribe(session, 'engine:state', undefined, sink)
    t.router.unsubscribe(session, 's99')
    t.router.unsubscribe(session, { sub: 's1' })
    t.router.unsubscribe(session, undefined)
    expect(t.services.streams.subscriberCount('engine')).toBe(1)
  })

  it('does not let one session unsubscribe another session’s subscription', () => {
    const mine = new ClientSession()
    const theirs = new ClientSession()
    const { sink } = collectingSink()
    const sub = t.router.subscribe(theirs, 'engine:state', undefined, sink)
    t.router.unsubscribe(mine, sub.ok && sub.value)
    expect(t.services.streams.subscriberCount('engine')).toBe(1)
  })

  it('drops every subscription of a session when it closes, and only that session’s', () => {
    const closing = new ClientSession()
    const staying = new ClientSession()
    const { sink } = collectingSink()
    t.router.subscribe(closing, 'engine:state', undefined, sink)
    t.router.subscribe(closing, 'events:stream', undefined, sink)
    t.router.subscribe(staying, 'engine:state', undefined, sink)
    const disposed = vi.fn()
    closing.disposables.add(disposed)
    t.router.closeSession(closing)
    expect(closing.subscriptions.size).toBe(0)
    expect(disposed).toHaveBeenCalledTimes(1)
    expect(t.services.streams.openKeys()).toEqual(['engine'])
    expect(t.services.streams.subscriberCount('engine')).toBe(1)
  })

  it('tells the subscriber, after its id, when the stream ends on its own', async () => {
    const session = new ClientSession()
    const { sink, frames } = collectingSink()
    t.router.subscribe(session, 'engine:state', undefined, sink)
    t.services.streams.closeAll()
    expect(frames).toEqual([])
    await nextTurn()
    expect(frames).toEqual([
      { kind: 'message', sub: 's1', data: STATUS },
      { kind: 'end', sub: 's1', data: undefined },
    ])
    expect(session.subscriptions.size).toBe(0)
  })
})

describe('Router.invoke cancelled', () => {
  it('answers CANCELLED once the carrier’s signal aborts, and the handler’s engine calls see the abort', async () => {
    const { router, containers } = stubServices()
    const engineCall: { signal?: AbortSignal } = {}
    containers.list.mockImplementationOnce(() => {
      engineCall.signal = currentRequestScope()?.signal
      return new Promise(() => undefined)
    })
    const controller = new AbortController()
    const answer = router.invoke('containers:list', undefined, controller.signal)
    await nextTurn()
    controller.abort()
    expect(await answer).toMatchObject({ ok: false, error: { code: 'CANCELLED', details: { reason: 'cancelled' } } })
    expect(engineCall.signal?.aborted).toBe(true)
  })

  it('cancels a session’s request by the page’s id, and every one still waiting when the session closes', async () => {
    const { router, containers } = stubServices()
    containers.list.mockImplementation(() => new Promise(() => undefined))
    const session = new ClientSession()
    const first = router.invokeFor(session, 1, 'containers:list', undefined)
    const second = router.invokeFor(session, 2, 'containers:list', undefined)
    await nextTurn()
    session.inFlight.cancel(1)
    expect(await first).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    router.closeSession(session)
    expect(await second).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(session.inFlight.size).toBe(0)
  })
})
