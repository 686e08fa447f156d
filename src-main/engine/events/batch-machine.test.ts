import { describe, expect, it } from 'vitest'
import type { ContainerRow } from '../../../src-shared/contract/containers'
import type { EngineEvent, EventBatch } from '../../../src-shared/contract/events'
import { BatchMachine, EVENT_BATCH_MS, type BatchEffect, type BatchInput, type BatchTimer } from './batch-machine'

function row(id: string, state: ContainerRow['state'] = 'running'): ContainerRow {
  return { id, name: id, image: 'i', command: '', created: 0, state, status: '', health: null, ports: [], labels: {}, composeProject: null, composeService: null }
}

let at = 0
function ev(action: string, id: string, type = 'container'): EngineEvent {
  return { type, action, id, name: id, timeNano: ++at }
}

/** The machine on a fake clock: it keeps the timers the machine sets and fires them as time is advanced. */
function onFakeClock() {
  const machine = new BatchMachine()
  let now = 0
  const due = new Map<BatchTimer, number>()
  const batches: EventBatch[] = []
  const reads: string[][] = []
  const apply = (effects: BatchEffect[]) => {
    for (const e of effects) {
      if (e.type === 'set-timer') due.set(e.timer, now + e.ms)
      else if (e.type === 'read-rows') reads.push(e.ids)
      else batches.push(e.batch)
    }
  }
  const send = (input: BatchInput) => apply(machine.transition(input))
  return {
    machine,
    batches,
    reads,
    send,
    events: (...events: EngineEvent[]) => events.forEach((event) => send({ type: 'event', event })),
    /** Answers the read under way with these rows (missing ids are not listed). */
    answer: (...rows: ContainerRow[]) => send({ type: 'rows', rows: new Map(rows.map((r) => [r.id, r])) }),
    timers: () => Object.fromEntries([...due].map(([t, d]) => [t, d - now])),
    advance(ms: number) {
      const until = now + ms
      for (;;) {
        const next = [...due].filter(([, d]) => d <= until).sort((a, b) => a[1] - b[1])[0]
        if (!next) break
        now = next[1]
        due.delete(next[0])
        send({ type: 'timer', timer: next[0] })
      }
      now = until
    },
  }
}

describe('BatchMachine', () => {
  it('gathers a burst for a moment, then reads the changed rows once and sends them with the events, null for a removed container', () => {
    const c = onFakeClock()
    c.events(ev('create', 'a'), ev('start', 'a'), ev('exec_start: sh', 'x'), ev('connect', 'n', 'network'), ev('destroy', 'b'))
    expect(c.timers()).toEqual({ gather: EVENT_BATCH_MS })
    c.advance(EVENT_BATCH_MS - 1)
    expect(c.reads).toEqual([])
    c.advance(1)
    expect(c.reads).toEqual([['a', 'b']])
    expect(c.machine.state.phase).toBe('reading-rows')
    c.answer(row('a'))
    expect(c.batches).toHaveLength(1)
    expect(c.batches[0]!.events.map((e) => e.action)).toEqual(['create', 'start', 'exec_start: sh', 'connect', 'destroy'])
    expect(c.batches[0]!.containers).toEqual([
      { id: 'a', row: row('a') },
      { id: 'b', row: null },
    ])
    expect(c.machine.state).toEqual({ phase: 'idle' })
    expect(c.timers()).toEqual({})
  })

  it('sends a batch that changes no row without reading any', () => {
    const c = onFakeClock()
    c.events(ev('pull', 'busybox', 'image'), ev('exec_die', 'a'))
    c.advance(EVENT_BATCH_MS)
    expect(c.reads).toEqual([])
    expect(c.batches).toEqual([{ events: [expect.objectContaining({ action: 'pull' }), expect.objectContaining({ action: 'exec_die' })], containers: [] }])
  })

  it('reads again, after 20, 50, 100 and 250 ms, only the rows that still show the state from before their event', () => {
    const c = onFakeClock()
    c.events(ev('pause', 'a'), ev('start', 'b'))
    c.advance(EVENT_BATCH_MS)
    c.answer(row('a', 'running'), row('b'))
    expect(c.machine.state.phase).toBe('waiting-to-reread')
    expect(c.timers()).toEqual({ reread: 20 })
    for (const delay of [20, 50, 100]) {
      c.advance(delay)
      expect(c.reads.at(-1)).toEqual(['a'])
      c.answer(row('a', 'running'))
    }
    c.advance(250)
    c.answer(row('a', 'paused'))
    expect(c.reads).toEqual([['a', 'b'], ['a'], ['a'], ['a'], ['a']])
    expect(c.batches.map((b) => b.containers)).toEqual([
      [
        { id: 'a', row: row('a', 'paused') },
        { id: 'b', row: row('b') },
      ],
    ])
    expect(c.timers()).toEqual({})
  })

  it('sends the last answer after the fourth re-read, then reads the lagging row again at 0.5, 1.5 and 4 s and sends it once it agrees', () => {
    const c = onFakeClock()
    c.events(ev('pause', 'a'))
    c.advance(EVENT_BATCH_MS)
    for (const delay of [0, 20, 50, 100, 250]) {
      c.advance(delay)
      c.answer(row('a', 'running'))
    }
    expect(c.batches.map((b) => b.containers)).toEqual([[{ id: 'a', row: row('a', 'running') }]])
    expect([...c.machine.laggingRows]).toEqual([['a', 'pause']])
    expect(c.timers()).toEqual({ lag: 500 })
    c.advance(500)
    expect(c.machine.state).toEqual({ phase: 'rereading-lagging', ids: ['a'], last: false })
    c.answer(row('a', 'running'))
    expect(c.batches).toHaveLength(1)
    expect(c.timers()).toEqual({ lag: 1500 })
    c.advance(1500)
    c.answer(row('a', 'paused'))
    expect(c.batches[1]).toEqual({ events: [], containers: [{ id: 'a', row: row('a', 'paused') }] })
    expect(c.machine.laggingRows.size).toBe(0)
    expect(c.timers()).toEqual({})
  })

  it('takes what the last lagging read finds, even a row that still disagrees', () => {
    const c = onFakeClock()
    c.events(ev('create', 'late'))
    c.advance(EVENT_BATCH_MS)
    for (const delay of [0, 20, 50, 100, 250]) {
      c.advance(delay)
      c.answer()
    }
    // Not listed yet: not declared gone.
    expect(c.batches[0]!.containers).toEqual([])
    for (const delay of [500, 1500]) {
      c.advance(delay)
      c.answer()
    }
    expect(c.timers()).toEqual({ lag: 4000 })
    c.advance(4000)
    expect(c.machine.state).toEqual({ phase: 'rereading-lagging', ids: ['late'], last: true })
    c.answer()
    expect(c.batches[1]).toEqual({ events: [], containers: [{ id: 'late', row: null }] })
    expect(c.machine.laggingRows.size).toBe(0)
    expect(c.timers()).toEqual({})
  })

  it('drops a lagging re-read once a newer event for the same container came', () => {
    const c = onFakeClock()
    c.events(ev('create', 'gone'))
    c.advance(EVENT_BATCH_MS)
    for (const delay of [0, 20, 50, 100, 250]) {
      c.advance(delay)
      c.answer()
    }
    c.events(ev('destroy', 'gone'))
    c.advance(EVENT_BATCH_MS)
    c.answer()
    expect(c.batches[1]!.containers).toEqual([{ id: 'gone', row: null }])
    expect(c.machine.laggingRows.size).toBe(0)
    const reads = c.reads.length
    c.advance(10_000)
    expect(c.reads).toHaveLength(reads)
    expect(c.batches).toHaveLength(2)
  })

  it('sends a batch without rows when its read fails, and forgets lagging rows whose read fails', () => {
    const c = onFakeClock()
    c.events(ev('pause', 'a'))
    c.advance(EVENT_BATCH_MS)
    c.send({ type: 'rows-failed' })
    expect(c.batches).toEqual([{ events: [expect.objectContaining({ action: 'pause' })], containers: [] }])
    c.events(ev('create', 'b'))
    c.advance(EVENT_BATCH_MS)
    for (const delay of [0, 20, 50, 100, 250]) {
      c.advance(delay)
      c.answer()
    }
    c.advance(500)
    c.send({ type: 'rows-failed' })
    expect(c.machine.laggingRows.size).toBe(0)
    expect(c.timers()).toEqual({})
    expect(c.machine.state).toEqual({ phase: 'idle' })
  })

  it('reads one thing at a time: batches and lagging reads that come due wait their turn, in order', () => {
    const c = onFakeClock()
    c.events(ev('create', 'slow'))
    c.advance(EVENT_BATCH_MS)
    for (const delay of [0, 20, 50, 100, 250]) {
      c.advance(delay)
      c.answer()
    }
    c.events(ev('start', 'a'))
    c.advance(EVENT_BATCH_MS)
    expect(c.reads.at(-1)).toEqual(['a'])
    // While a's read is out, another batch gathers and the lag timer comes due.
    c.events(ev('start', 'b'))
    c.advance(500)
    expect(c.reads.at(-1)).toEqual(['a'])
    c.answer(row('a'))
    expect(c.reads.at(-1)).toEqual(['b'])
    c.answer(row('b'))
    expect(c.machine.state).toEqual({ phase: 'rereading-lagging', ids: ['slow'], last: false })
    c.answer(row('slow'))
    expect(c.batches.map((b) => b.containers.map((p) => p.id))).toEqual([[], ['a'], ['b'], ['slow']])
  })

  it('keeps gathering events while a read is under way', () => {
    const c = onFakeClock()
    c.events(ev('start', 'a'))
    c.advance(EVENT_BATCH_MS)
    c.events(ev('die', 'a'))
    expect(c.timers()).toEqual({ gather: EVENT_BATCH_MS })
    c.answer(row('a'))
    c.advance(EVENT_BATCH_MS)
    expect(c.reads).toEqual([['a'], ['a']])
  })

  it('does nothing once closed: no reads, no timers, no batches, whatever answers come late', () => {
    const c = onFakeClock()
    c.events(ev('pause', 'a'))
    c.advance(EVENT_BATCH_MS)
    c.answer(row('a', 'running'))
    expect(c.machine.transition({ type: 'close' })).toEqual([])
    expect(c.machine.state).toEqual({ phase: 'closed' })
    for (const input of [
      { type: 'timer', timer: 'reread' },
      { type: 'rows', rows: new Map() },
      { type: 'rows-failed' },
      { type: 'event', event: ev('start', 'b') },
      { type: 'timer', timer: 'gather' },
      { type: 'timer', timer: 'lag' },
    ] as BatchInput[]) {
      expect(c.machine.transition(input)).toEqual([])
    }
    expect(c.batches).toEqual([])
  })

  it('ignores answers and timers that belong to no read under way', () => {
    const c = onFakeClock()
    expect(c.machine.transition({ type: 'rows', rows: new Map() })).toEqual([])
    expect(c.machine.transition({ type: 'timer', timer: 'reread' })).toEqual([])
    expect(c.machine.transition({ type: 'timer', timer: 'gather' })).toEqual([])
    expect(c.machine.transition({ type: 'timer', timer: 'lag' })).toEqual([])
    expect(c.machine.state).toEqual({ phase: 'idle' })
  })
})
