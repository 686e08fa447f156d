import { describe, expect, it, vi } from 'vitest'
import type { EventBatch } from '../../src-shared/contract'
import { openEngineStreams } from '../../src-main/streams/gauge'
import { dockerCli, type FakeRenderer, requireEngine, TestRun } from '../helpers/engine'
import { routerOnEngine } from '../helpers/router-on-engine'

const { available } = await requireEngine()

/** Every patch the renderer received for one container, in order. */
function patchesFor(renderer: FakeRenderer, sub: string, id: string) {
  return renderer.messagesOf<EventBatch>(sub).flatMap((b) => b.containers.filter((p) => p.id === id))
}

describe.skipIf(!available)('events through the router, on the real engine', () => {
  const run = new TestRun()
  const on = routerOnEngine(run)
  const { renderer } = on
  const subscribe = (r: FakeRenderer, topic: string) => on.subscribe(r, topic)

  it('sends a batch with the container’s fresh row after `docker start`, and a null row after removal', async () => {
    const r = renderer()
    const sub = subscribe(r, 'events:stream')
    await vi.waitFor(() => expect(openEngineStreams('events')).toBe(1))

    const { id, name } = await run.container('evented')
    await dockerCli('start', id)
    await vi.waitFor(() => expect(patchesFor(r, sub, id).some((p) => p.row?.state === 'running')).toBe(true), { timeout: 10_000 })
    const running = patchesFor(r, sub, id).find((p) => p.row?.state === 'running')!
    expect(running.row).toMatchObject({ id, name, state: 'running', status: expect.stringMatching(/^Up/) })
    const events = r.messagesOf<EventBatch>(sub).flatMap((b) => b.events.filter((e) => e.id === id))
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'start']))
    expect(events.find((e) => e.action === 'start')).toMatchObject({ type: 'container', name })

    await dockerCli('rm', '-f', id)
    await vi.waitFor(() => expect(patchesFor(r, sub, id).at(-1)).toEqual({ id, row: null }), { timeout: 10_000 })
  })

  it('shows every container of a mass kill as stopped, though the engine publishes their events out of time order', async () => {
    const r = renderer()
    const sub = subscribe(r, 'events:stream')
    await vi.waitFor(() => expect(openEngineStreams('events')).toBe(1))
    const ids = await Promise.all(Array.from({ length: 40 }, async (_, i) => (await run.container(`masskill${i}`, { start: true })).id))
    await dockerCli('kill', ...ids)
    const dieSeen = () => new Set(r.messagesOf<EventBatch>(sub).flatMap((b) => b.events.filter((e) => e.action === 'die').map((e) => e.id)))
    const stillRunning = () => ids.filter((id) => patchesFor(r, sub, id).at(-1)?.row?.state !== 'exited')
    await vi.waitFor(() => expect(stillRunning()).toEqual([]), { timeout: 20_000, interval: 200 })
    // Every container's `die` reached the renderer, also those published after a newer event.
    await vi.waitFor(() => expect(ids.filter((id) => !dieSeen().has(id))).toEqual([]), { timeout: 5_000, interval: 200 })
  }, 60_000)

  it('holds one engine event stream for all subscribers and closes it after the last unsubscribes', async () => {
    const a = renderer()
    const b = renderer()
    const subA = subscribe(a, 'events:stream')
    const subB = subscribe(b, 'events:stream')
    await vi.waitFor(() => expect(openEngineStreams('events')).toBe(1))
    expect(on.services.streams.subscriberCount('events')).toBe(2)

    const { id } = await run.container('shared', { start: true })
    await vi.waitFor(() => {
      expect(patchesFor(a, subA, id).length).toBeGreaterThan(0)
      expect(patchesFor(b, subB, id).length).toBeGreaterThan(0)
    })
    expect(openEngineStreams('events')).toBe(1)

    on.router.unsubscribe(a.session, subA)
    expect(openEngineStreams('events')).toBe(1)
    on.router.unsubscribe(b.session, subB)
    expect(openEngineStreams('events')).toBe(0)
    expect(on.services.streams.openKeys()).toEqual([])
  })

  it('closes the engine event stream when the last subscribing session closes', async () => {
    const a = renderer()
    const b = renderer()
    subscribe(a, 'events:stream')
    subscribe(a, 'events:stream')
    subscribe(b, 'events:stream')
    await vi.waitFor(() => expect(openEngineStreams('events')).toBe(1))

    on.router.closeSession(a.session)
    expect(openEngineStreams('events')).toBe(1)
    expect(on.services.streams.subscriberCount('events')).toBe(1)
    on.router.closeSession(b.session)
    expect(openEngineStreams('events')).toBe(0)
    expect(on.services.streams.openKeys()).toEqual([])
  })

  it('sends nothing to a subscriber after it unsubscribed', async () => {
    const r = renderer()
    const sub = subscribe(r, 'events:stream')
    await vi.waitFor(() => expect(openEngineStreams('events')).toBe(1))
    on.router.unsubscribe(r.session, sub)
    const before = r.messages.length
    const watcher = renderer()
    const watching = subscribe(watcher, 'events:stream')
    await vi.waitFor(() => expect(openEngineStreams('events')).toBe(1))
    const { id } = await run.container('after-unsubscribe', { start: true })
    await vi.waitFor(() => expect(patchesFor(watcher, watching, id).length).toBeGreaterThan(0))
    expect(r.messages.length).toBe(before)
  })

  it('sends the current engine status first on the engine topic', async () => {
    const r = renderer()
    const sub = subscribe(r, 'engine:state')
    await vi.waitFor(() => expect(r.messagesOf(sub)).toHaveLength(1))
    expect(r.messagesOf(sub)[0]).toMatchObject({ state: 'connected', info: { apiVersion: expect.any(String) } })
  })
})
