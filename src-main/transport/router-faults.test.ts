import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { BerthError, requests, topics } from '../../src-shared/contract'
import { StreamRegistry, type StreamSource } from '../streams/registry'
import type { ChannelTable } from './channel-table'
import { MAX_SUBSCRIPTIONS_PER_SESSION } from './limits'
import { ClientSession, Router, type StreamSink } from './router'

// The router's error boundary: whatever a schema, a handler, a binding or a sink throws comes
// back as an error value (INTERNAL unless it was a BerthError) and is logged without the payload.

const SECRET = 'PAYLOAD-SECRET-hunter2'
const nextTurn = () => new Promise<void>((r) => setImmediate(r))

/** A schema whose refinement throws, as a buggy check on the contract would. */
const exploding = z.strictObject({ id: z.string().optional() }).refine(() => {
  throw new TypeError(`refinement exploded reading ${SECRET}`)
})

function stateSource(initial: unknown = 'now'): StreamSource<unknown> {
  return { open: () => () => undefined, initial: () => initial }
}

function setUp(over: { requests?: Record<string, unknown>; topics?: Record<string, unknown> } = {}) {
  const handled = vi.fn(async () => 'handled')
  const channels = {
    requests: { 'containers:list': handled, 'containers:inspect': handled, ...over.requests },
    topics: { 'engine:state': () => ({ key: 'engine', source: () => stateSource() }), ...over.topics },
  } as unknown as ChannelTable
  const log = vi.fn<(line: string) => void>()
  const streams = new StreamRegistry()
  return { router: new Router({ channels, streams }, log), log, handled, streams }
}

const silentSink: StreamSink = { message: () => undefined, end: () => undefined }

afterEach(() => {
  vi.restoreAllMocks()
})

describe('the router’s error boundary', () => {
  it('answers INTERNAL when a request schema’s refinement throws, instead of rejecting', async () => {
    vi.spyOn(requests['containers:inspect'].params, 'safeParse').mockImplementation((v) => exploding.safeParse(v) as never)
    const t = setUp()
    const out = await t.router.invoke('containers:inspect', { id: SECRET })
    expect(out).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(t.handled).not.toHaveBeenCalled()
    expect(t.log).toHaveBeenCalledTimes(1)
    expect(t.log.mock.calls[0]![0]).toMatch(/^berth: unexpected TypeError in containers:inspect/)
    expect(t.log.mock.calls[0]![0]).not.toContain(SECRET)
  })

  it('answers INTERNAL when a topic schema’s refinement throws, instead of throwing', () => {
    vi.spyOn(topics['engine:state'].params, 'safeParse').mockImplementation((v) => exploding.safeParse(v) as never)
    const t = setUp()
    const session = new ClientSession()
    let out: unknown
    expect(() => (out = t.router.subscribe(session, 'engine:state', { id: SECRET }, silentSink))).not.toThrow()
    expect(out).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(session.subscriptions.size).toBe(0)
    expect(t.streams.openKeys()).toEqual([])
    expect(t.log.mock.calls.join('\n')).not.toContain(SECRET)
  })

  it('answers INTERNAL and logs, without the payload, a handler that throws synchronously', async () => {
    const t = setUp({
      requests: {
        'containers:inspect': (p: { id: string }) => {
          throw new RangeError(`handler broke on ${p.id}`)
        },
      },
    })
    const out = await t.router.invoke('containers:inspect', { id: 'PAYLOAD-id-42' })
    expect(out).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(t.log).toHaveBeenCalledTimes(1)
    const line = t.log.mock.calls[0]![0]
    expect(line).toMatch(/^berth: unexpected RangeError in containers:inspect\n\s+at /)
    expect(line).not.toContain('PAYLOAD-id-42')
  })

  it('answers INTERNAL and logs a handler that rejects asynchronously', async () => {
    const t = setUp({
      requests: {
        'containers:inspect': async () => {
          await nextTurn()
          throw new Error(`later, with ${SECRET}`)
        },
      },
    })
    const out = await t.router.invoke('containers:inspect', { id: 'web' })
    expect(out).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(t.log).toHaveBeenCalledTimes(1)
    expect(t.log.mock.calls[0]![0]).not.toContain(SECRET)
  })

  it('passes a BerthError on as it is, without logging it', async () => {
    const t = setUp({ requests: { 'containers:inspect': () => Promise.reject(new BerthError('NOT_FOUND', 'gone')) } })
    expect(await t.router.invoke('containers:inspect', { id: 'web' })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } })
    expect(t.log).not.toHaveBeenCalled()
  })

  it('answers INTERNAL for a thrown value that cannot even be turned into text', async () => {
    const unprintable = {
      toString() {
        throw new Error('no')
      },
    }
    const t = setUp({ requests: { 'containers:inspect': () => Promise.reject(unprintable) } })
    expect(await t.router.invoke('containers:inspect', { id: 'web' })).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('cannot be shown') } })
  })

  it('answers INTERNAL when a topic’s binding or source throws, leaving nothing open', () => {
    const t = setUp({
      topics: {
        'engine:state': () => ({
          key: 'engine',
          source: () => {
            throw new Error('source broke')
          },
        }),
      },
    })
    const session = new ClientSession()
    expect(t.router.subscribe(session, 'engine:state', undefined, silentSink)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(session.subscriptions.size).toBe(0)
    expect(t.streams.openKeys()).toEqual([])
  })

  it('logs a sink that throws on a held first message instead of throwing out of the timer', async () => {
    const t = setUp()
    const session = new ClientSession()
    const throwingSink: StreamSink = {
      message: () => {
        throw new TypeError('could not be cloned')
      },
      end: () => undefined,
    }
    expect(t.router.subscribe(session, 'engine:state', undefined, throwingSink)).toMatchObject({ ok: true })
    await nextTurn()
    expect(t.log).toHaveBeenCalledTimes(1)
    expect(t.log.mock.calls[0]![0]).toMatch(/^berth: unexpected TypeError in engine:state/)
  })

  it('keeps closing a session’s other subscriptions when one disposer throws', () => {
    const t = setUp()
    const session = new ClientSession()
    const closed = vi.fn()
    session.subscriptions.set('s1', () => {
      throw new Error('disposer broke')
    })
    session.subscriptions.set('s2', closed)
    expect(() => t.router.closeSession(session)).not.toThrow()
    expect(closed).toHaveBeenCalledTimes(1)
    expect(session.subscriptions.size).toBe(0)
    expect(t.log).toHaveBeenCalledTimes(1)
  })
})

describe('the subscription limit', () => {
  it(`refuses the subscription past ${MAX_SUBSCRIPTIONS_PER_SESSION} in one session with a translatable RATE_LIMITED, and takes one again once a slot is free`, () => {
    let opened = 0
    const t = setUp({ topics: { 'engine:state': () => ({ key: `state:${opened++}`, source: () => stateSource() }) } })
    const session = new ClientSession()
    const subs: string[] = []
    for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_SESSION; i++) {
      const out = t.router.subscribe(session, 'engine:state', undefined, silentSink)
      if (!out.ok) throw new Error(`subscription ${i + 1} was refused: ${out.error.message}`)
      subs.push(out.value)
    }
    const past = t.router.subscribe(session, 'engine:state', undefined, silentSink)
    expect(past).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', message: expect.stringContaining(String(MAX_SUBSCRIPTIONS_PER_SESSION)), details: { reason: 'too_many_subscriptions', limit: MAX_SUBSCRIPTIONS_PER_SESSION } },
    })
    expect(t.streams.openKeys()).toHaveLength(MAX_SUBSCRIPTIONS_PER_SESSION)
    expect(session.subscriptions.size).toBe(MAX_SUBSCRIPTIONS_PER_SESSION)

    // Another window has its own allowance.
    expect(t.router.subscribe(new ClientSession(), 'engine:state', undefined, silentSink)).toMatchObject({ ok: true })
    t.router.unsubscribe(session, subs[0])
    expect(t.router.subscribe(session, 'engine:state', undefined, silentSink)).toMatchObject({ ok: true })
  })
})
