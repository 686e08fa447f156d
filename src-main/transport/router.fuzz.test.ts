import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_CODES, isErrorShape, requests, topics } from '../../src-shared/contract'
import { StreamRegistry } from '../streams/registry'
import type { ChannelTable } from './channel-table'
import { payload, randomValue, rngOf, show } from './fixtures/fuzz-payloads'
import { ClientSession, Router, type Outcome } from './router'

// Random and mutated payloads for every request channel and topic of the contract, through a real
// Router. The handlers only record that they ran, and with what: they run only once validation
// passed, so every call they see must carry exactly what the schema parsed. Bounded by count,
// seeded: BERTH_FUZZ_SEED=<n> replays a run (the seed is printed).

const SEED = Number(process.env.BERTH_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 32))
const CASES_PER_CHANNEL = 40

interface Call {
  channel: string
  params: unknown
}

function recordingRouter() {
  const calls: Call[] = []
  let keys = 0
  const handlers = Object.fromEntries(Object.keys(requests).map((channel) => [channel, (params: unknown) => void calls.push({ channel, params })]))
  const bindings = Object.fromEntries(
    Object.keys(topics).map((topic) => [
      topic,
      (params: unknown) => {
        calls.push({ channel: topic, params })
        return { key: `fuzz:${keys++}`, source: () => ({ open: () => () => undefined, initial: () => ({ fuzz: true }) }) }
      },
    ]),
  )
  const streams = new StreamRegistry()
  const logged: string[] = []
  const router = new Router({ channels: { requests: handlers, topics: bindings } as unknown as ChannelTable, streams }, (line) => logged.push(line))
  return { router, calls, streams, logged }
}

/** What every answer must be: a value of one of the two shapes, which JSON can carry. */
function shapeProblem(out: unknown): string | null {
  if (typeof out !== 'object' || out === null) return `answer is ${show(out)}`
  const o = out as Partial<Outcome> & Record<string, unknown>
  if (o.ok === true) return 'value' in o ? null : 'ok answer without a value'
  if (o.ok !== false) return `answer has ok=${show(o.ok)}`
  if (!isErrorShape(o.error) || !(ERROR_CODES as readonly string[]).includes(o.error.code)) return `error is not an error shape: ${show(o.error)}`
  try {
    JSON.stringify(out)
  } catch {
    return 'answer cannot be sent as JSON'
  }
  return null
}

const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)
beforeAll(() => {
  console.log(`router fuzz: seed ${SEED} (BERTH_FUZZ_SEED=${SEED} reproduces this run)`)
  process.on('unhandledRejection', onUnhandled)
})
afterAll(() => {
  process.off('unhandledRejection', onUnhandled)
})

describe(`the router under random and mutated payloads (seed ${SEED})`, () => {
  it(`answers every one of ${CASES_PER_CHANNEL} payloads per request channel with a value, and calls a handler only with what the schema parsed`, async () => {
    const rng = rngOf(SEED)
    const t = recordingRouter()
    const problems: string[] = []
    let reached = 0
    for (const [channel, def] of Object.entries(requests)) {
      for (let i = 0; i < CASES_PER_CHANNEL; i++) {
        const raw = payload(def.params, rng)
        const before = t.calls.length
        let out: unknown
        try {
          out = await t.router.invoke(channel, raw)
        } catch (err) {
          problems.push(`${channel} #${i} threw ${String(err)} for ${show(raw)}`)
          continue
        }
        const problem = shapeProblem(out)
        if (problem) problems.push(`${channel} #${i}: ${problem} for ${show(raw)}`)
        const made = t.calls.slice(before)
        const answer = out as Outcome
        if (answer.ok) {
          reached++
          const parsed = def.params.safeParse(raw)
          if (made.length !== 1 || !parsed.success) problems.push(`${channel} #${i}: answered ok after ${made.length} handler calls for ${show(raw)}`)
          else expect(made[0]!.params, `${channel} #${i}`).toEqual(parsed.data)
        } else {
          if (made.length) problems.push(`${channel} #${i}: a handler ran for a refused payload ${show(raw)}`)
          // The handlers never throw: anything but INVALID_INPUT is a schema or guard fault.
          if (answer.error.code !== 'INVALID_INPUT') problems.push(`${channel} #${i}: ${answer.error.code} ${answer.error.message} for ${show(raw)}`)
        }
      }
    }
    await new Promise((r) => setImmediate(r))
    console.log(`router fuzz: ${reached} of ${Object.keys(requests).length * CASES_PER_CHANNEL} request payloads passed validation`)
    expect(problems, `seed ${SEED}`).toEqual([])
    expect(t.logged, `seed ${SEED}`).toEqual([])
    expect(unhandled, `seed ${SEED}`).toEqual([])
    // Not only refusals: a good share of the payloads passed validation and reached a handler.
    expect(reached).toBeGreaterThan(Object.keys(requests).length)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it(`answers every one of ${CASES_PER_CHANNEL} payloads per topic with a value, and leaves nothing open once the session closes`, async () => {
    const rng = rngOf(SEED ^ 0x5bd1e995)
    const t = recordingRouter()
    const problems: string[] = []
    let reached = 0
    for (const [topic, def] of Object.entries(topics)) {
      const session = new ClientSession()
      const sink = { message: () => undefined, end: () => undefined }
      for (let i = 0; i < CASES_PER_CHANNEL; i++) {
        const raw = payload(def.params, rng)
        const before = t.calls.length
        let out: unknown
        try {
          out = t.router.subscribe(session, topic, raw, sink)
        } catch (err) {
          problems.push(`${topic} #${i} threw ${String(err)} for ${show(raw)}`)
          continue
        }
        const problem = shapeProblem(out)
        if (problem) problems.push(`${topic} #${i}: ${problem} for ${show(raw)}`)
        const made = t.calls.slice(before)
        const answer = out as Outcome
        if (answer.ok) {
          reached++
          const parsed = def.params.safeParse(raw)
          if (made.length !== 1 || !parsed.success) problems.push(`${topic} #${i}: subscribed after ${made.length} binding calls for ${show(raw)}`)
          else expect(made[0]!.params, `${topic} #${i}`).toEqual(parsed.data)
        } else {
          if (made.length) problems.push(`${topic} #${i}: a binding ran for a refused payload ${show(raw)}`)
          if (answer.error.code !== 'INVALID_INPUT') problems.push(`${topic} #${i}: ${answer.error.code} ${answer.error.message} for ${show(raw)}`)
        }
        // Random unsubscribes, of ids given out or not, never throw.
        t.router.unsubscribe(session, rng.chance(0.5) && answer.ok ? answer.value : randomValue(rng, 1))
      }
      t.router.closeSession(session)
    }
    await new Promise((r) => setImmediate(r))
    console.log(`router fuzz: ${reached} of ${Object.keys(topics).length * CASES_PER_CHANNEL} topic payloads passed validation`)
    expect(problems, `seed ${SEED}`).toEqual([])
    expect(t.streams.openKeys(), `seed ${SEED}`).toEqual([])
    expect(t.logged, `seed ${SEED}`).toEqual([])
    expect(unhandled, `seed ${SEED}`).toEqual([])
    expect(reached).toBeGreaterThan(Object.keys(topics).length)
  })
})
