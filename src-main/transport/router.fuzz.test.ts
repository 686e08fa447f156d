import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ERROR_CODES, isErrorShape, requests, topics } from '../../src-shared/contract'
import { StreamRegistry } from '../streams/registry'
import type { ChannelTable } from './channel-table'
import { ClientSession, Router, type Outcome } from './router'

// Random and mutated payloads for every request channel and topic of the contract, through a real
// Router. The handlers only record that they ran, and with what: they run only once validation
// passed, so every call they see must carry exactly what the schema parsed. Bounded by count,
// seeded: BERTH_FUZZ_SEED=<n> replays a run (the seed is printed).

const SEED = Number(process.env.BERTH_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 32))
const CASES_PER_CHANNEL = 40

type Rng = ReturnType<typeof rngOf>

/** mulberry32: small, fast and good enough to spread payloads; the same seed gives the same run. */
function rngOf(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  }
}

// ---- values ----------------------------------------------------------------------------------

const STRINGS = [
  '',
  'web',
  'db-1',
  'a1b2c3d4e5f6',
  'nginx:latest',
  'busybox',
  'berth-test/busybox:latest',
  '/',
  '/tmp',
  '/var/lib/data',
  'a.txt',
  `sha256:${'a'.repeat(64)}`,
  'unix:///var/run/docker.sock',
  'tcp://127.0.0.1:2376',
  'ssh://user@host',
  'http://127.0.0.1:1',
  '10m',
  'SIGTERM',
  'en',
  'ko',
  'linux/amd64',
  'registry.example.com',
  'bridge',
  'local',
  '0.0.0.0',
  '8080',
  'x',
  '../../etc/passwd',
  '/a/../b',
  '\u0000',
  'null',
  '한글 이름',
  '__proto__',
  'constructor',
  '%2e%2e',
  '${HOME}',
  '<script>',
  ' ',
  '\n',
]
const KEYS = ['id', 'name', 'path', 'ids', 'all', 'force', 'tail', 'url', 'token', 'extra', '__proto__', 'constructor', 'prototype', '']
const NUMBERS = [0, -0, 1, -1, 1.5, 3, 10, 100, 65535, 65536, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, Number.NaN, Infinity, -Infinity, Number.MIN_VALUE]

/** Anything a carrier could hand over: JSON, and what Electron's structured clone adds (BigInt, Date, Map, bytes). */
function randomValue(rng: Rng, depth: number): unknown {
  const roll = rng.int(0, depth > 0 ? 13 : 9)
  switch (roll) {
    case 0:
      return undefined
    case 1:
      return null
    case 2:
      return rng.chance(0.5)
    case 3:
      return rng.pick(NUMBERS)
    case 4:
      return rng.int(-1000, 100_000)
    case 5:
    case 6:
      return rng.pick(STRINGS)
    case 7:
      return String.fromCharCode(...Array.from({ length: rng.int(1, 24) }, () => rng.int(0, 0xffff)))
    case 8:
      return rng.pick([10n, new Date(0), new Map([['a', 1]]), new Uint8Array([1, 2]), new Set([1])])
    case 9:
      return rng.chance(0.02) ? 'x'.repeat(1024 * 1024 + 1) : rng.pick(STRINGS).repeat(rng.int(1, 300))
    case 10:
    case 11:
      return Array.from({ length: rng.int(0, 4) }, () => randomValue(rng, depth - 1))
    default: {
      const out: Record<string, unknown> = {}
      for (let i = rng.int(0, 4); i > 0; i--) setOwn(out, rng.pick(KEYS), randomValue(rng, depth - 1))
      return out
    }
  }
}

/** An own property even for `__proto__`, as JSON.parse would make it. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true })
}

// ---- plausible payloads, from the schema itself ------------------------------------------------

interface Def {
  type: string
  [k: string]: unknown
}
const defOf = (schema: unknown): Def | null => (schema as { _zod?: { def?: Def } })?._zod?.def ?? null
const OPTIONAL = new Set(['optional', 'default', 'prefault'])

/** Bounds from a number schema's checks (greater_than / less_than), for plausible numbers. */
function numberBounds(def: Def): [number, number] {
  let lo = -5
  let hi = 5000
  for (const check of (def.checks as unknown[] | undefined) ?? []) {
    const c = defOf(check) as { check?: string; value?: number } | null
    if (c?.check === 'greater_than' && typeof c.value === 'number') lo = Math.max(lo, Math.ceil(c.value))
    if (c?.check === 'less_than' && typeof c.value === 'number') hi = Math.min(hi, Math.floor(c.value))
  }
  return lo <= hi ? [lo, hi] : [hi, lo]
}

function sampleOf(schema: unknown, rng: Rng, depth = 0): unknown {
  const def = defOf(schema)
  if (!def || depth > 8) return randomValue(rng, 1)
  const inner = (key: string) => sampleOf(def[key], rng, depth + 1)
  switch (def.type) {
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const [k, s] of Object.entries(def.shape as Record<string, unknown>)) {
        if (OPTIONAL.has(defOf(s)?.type ?? '') && rng.chance(0.5)) continue
        out[k] = sampleOf(s, rng, depth + 1)
      }
      return out
    }
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return rng.chance(0.15) ? undefined : inner('innerType')
    case 'pipe':
      return inner('in')
    case 'lazy':
      return sampleOf((def.getter as () => unknown)(), rng, depth + 1)
    case 'string':
      return rng.pick(STRINGS)
    case 'number': {
      const [lo, hi] = numberBounds(def)
      return rng.int(lo, hi)
    }
    case 'boolean':
      return rng.chance(0.5)
    case 'enum':
      return rng.pick(Object.values(def.entries as Record<string, unknown>))
    case 'literal':
      return rng.pick(def.values as unknown[])
    case 'array':
      return Array.from({ length: rng.int(0, 3) }, () => inner('element'))
    case 'tuple':
      return (def.items as unknown[]).map((s) => sampleOf(s, rng, depth + 1))
    case 'union':
      return sampleOf(rng.pick(def.options as unknown[]), rng, depth + 1)
    case 'record': {
      const out: Record<string, unknown> = {}
      for (let i = rng.int(0, 2); i > 0; i--) out[rng.pick(STRINGS.slice(1, 12))] = inner('valueType')
      return out
    }
    case 'intersection': {
      const [l, r] = [inner('left'), inner('right')]
      return typeof l === 'object' && typeof r === 'object' ? { ...(l as object), ...(r as object) } : l
    }
    default:
      return randomValue(rng, 1)
  }
}

// ---- mutations -------------------------------------------------------------------------------

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function replaceSomewhere(value: unknown, rng: Rng, depth = 0): unknown {
  if (depth > 6 || rng.chance(0.35)) return randomValue(rng, 2)
  if (Array.isArray(value) && value.length) {
    const copy = [...value]
    const i = rng.int(0, copy.length - 1)
    copy[i] = replaceSomewhere(copy[i], rng, depth + 1)
    return copy
  }
  if (isObject(value) && Object.keys(value).length) {
    const copy = { ...value }
    const k = rng.pick(Object.keys(copy))
    copy[k] = replaceSomewhere(copy[k], rng, depth + 1)
    return copy
  }
  return randomValue(rng, 2)
}

function mutate(value: unknown, rng: Rng): unknown {
  switch (rng.int(0, 7)) {
    case 0:
      return randomValue(rng, 3)
    case 1: {
      if (!isObject(value)) return value
      const copy = { ...value }
      setOwn(copy, rng.pick(KEYS), randomValue(rng, 2))
      return copy
    }
    case 2: {
      if (!isObject(value) || !Object.keys(value).length) return value
      const copy = { ...value }
      delete copy[rng.pick(Object.keys(copy))]
      return copy
    }
    case 3:
    case 4:
      return replaceSomewhere(value, rng)
    case 5:
      return rng.chance(0.5) ? [value] : { params: value }
    case 6: {
      let nested = value
      for (let i = rng.int(8, 40); i > 0; i--) nested = { id: nested }
      return nested
    }
    default:
      return JSON.parse(`{"__proto__":${JSON.stringify({ polluted: true })},"id":"web"}`)
  }
}

function payload(schema: unknown, rng: Rng): unknown {
  if (rng.chance(0.25)) return randomValue(rng, 3)
  let value = sampleOf(schema, rng)
  // A quarter stay as sampled, so that valid payloads reach the handlers too.
  for (let n = rng.chance(0.25) ? 0 : rng.int(1, 3); n > 0; n--) value = mutate(value, rng)
  return value
}

function show(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value)
    return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text
  } catch {
    return Object.prototype.toString.call(value)
  }
}

// ---- the run ---------------------------------------------------------------------------------

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
