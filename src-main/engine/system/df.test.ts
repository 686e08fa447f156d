import { describe, expect, it } from 'vitest'
import { planPrune, plannedBytes } from '../../../src-shared/prune-plan'
import type { PruneCategory } from '../../../src-shared/disk-usage'
import { hasLabel, summarizeDf, toInventory, type RawDf } from './df'
import recorded141 from './fixtures/df-engine-20.10-api-1.41.recorded.json'
import documented145 from './fixtures/df-api-1.45.documented.json'

describe('summarizeDf', () => {
  it('sums the recorded Engine 20.10 (API 1.41) answer as the docker CLI does', () => {
    const df = summarizeDf(recorded141 as RawDf)
    // Layers shared by the two busybox images count once (LayersSize). busybox has containers, so
    // its layers stay although they are all shared with busybox-bash: only the untagged image and
    // bash's own 7 bytes are reclaimable (the CLI would say all 3965321).
    expect(df.images).toMatchObject({ count: 3, active: 1, total: 3965321, reclaimable: 1982361 + 7 })
    expect(df.images.largest.map((i) => [i.name, i.size])).toEqual([
      ['4f88a12bf6a7', 1982361],
      ['berth-test/busybox-bash:latest', 7],
      ['berth-test/busybox:latest', 0],
    ])
    // The running container has no SizeRw at all (left out when 0); the stopped one wrote 23893 bytes.
    expect(df.containers).toMatchObject({ count: 2, active: 1, total: 23893, reclaimable: 23893 })
    expect(df.volumes).toMatchObject({ count: 2, active: 2, total: 108894, reclaimable: 0, unknownSizes: 0 })
    // BuildCache is null on this engine.
    expect(df.buildCache).toMatchObject({ count: 0, total: 0, reclaimable: 0 })
    expect(df.total).toBe(3965321 + 23893 + 108894)
    expect(df.reclaimable).toBe(1982368 + 23893)
  })

  it('sums an API 1.45 answer: no VirtualSize, build cache with Parents, a plugin volume of unknown size', () => {
    const df = summarizeDf(documented145 as RawDf)
    expect(df.images).toMatchObject({ count: 2, active: 1, total: 6335468, reclaimable: 5242880 })
    expect(df.containers).toMatchObject({ count: 1, active: 0, total: 0, reclaimable: 0 })
    expect(df.volumes).toMatchObject({ count: 2, active: 1, total: 10920104, reclaimable: 0, unknownSizes: 1 })
    // Shared records count in neither figure; the one in use is not reclaimable.
    expect(df.buildCache).toMatchObject({ count: 3, active: 1, total: 41011, reclaimable: 51 })
    expect(df.reclaimable).toBe(5242880 + 51)
  })

  it('takes empty and missing lists', () => {
    expect(summarizeDf({}).total).toBe(0)
    expect(summarizeDf({ Images: null, Containers: null, Volumes: null, BuildCache: null }).reclaimable).toBe(0)
  })
})

describe('hasLabel', () => {
  it('matches a key, or a key and value', () => {
    expect(hasLabel({ a: '1' }, 'a')).toBe(true)
    expect(hasLabel({ a: '1' }, 'a=1')).toBe(true)
    expect(hasLabel({ a: '1' }, 'a=2')).toBe(false)
    expect(hasLabel(null, 'a')).toBe(false)
    expect(hasLabel(null, null)).toBe(true)
  })

  it('never matches an inherited name: a filter of constructor or toString leaves unlabelled objects out of a prune', () => {
    for (const filter of ['constructor', 'toString', '__proto__', 'valueOf']) expect(hasLabel({ a: '1' }, filter)).toBe(false)
  })
})

describe('planPrune on the recorded engine', () => {
  const inv = toInventory(
    recorded141 as RawDf,
    [
      { id: 'n1', name: 'idle-net', running: 0 },
      { id: 'n2', name: 'busy-net', running: 1 },
    ],
    '1.41',
    null,
  )
  const ticked = (...c: PruneCategory[]) => new Set(c)
  const byCategory = (set: Set<PruneCategory>) => Object.fromEntries(planPrune(inv, set).map((e) => [e.category, { names: e.items.map((i) => i.name), bytes: e.bytes }]))

  it('lists the stopped container, the dangling image and the idle network', () => {
    const plan = byCategory(ticked('containers', 'images-dangling', 'networks'))
    expect(plan.containers).toEqual({ names: ['berth-df-fixture-stopped'], bytes: 23893 })
    expect(plan['images-dangling']).toEqual({ names: ['4f88a12bf6a7'], bytes: 1982361 })
    expect(plan.networks?.names).toEqual(['idle-net'])
  })

  it('frees a stopped container’s volume only when the containers prune runs first', () => {
    expect(byCategory(ticked('volumes')).volumes?.names).toEqual([])
    expect(byCategory(ticked('containers', 'volumes')).volumes).toEqual({ names: ['berth-df-fixture-data'], bytes: 108894 })
  })

  it('does not count a dangling image twice when both image prunes are ticked', () => {
    const set = ticked('images-dangling', 'images-unused')
    const plan = planPrune(inv, set)
    expect(plan.find((e) => e.category === 'images-unused')?.items.map((i) => i.name)).toEqual(['berth-test/busybox-bash:latest'])
    expect(plannedBytes(plan, set)).toBe(1982361 + 7)
  })

  it('with a label filter, removes only labelled objects but still honours unlabelled users', () => {
    const labelled = toInventory(recorded141 as RawDf, [], '1.41', 'berth.test=df-fixture')
    const plan = Object.fromEntries(planPrune(labelled, ticked('containers', 'images-unused', 'build-cache')).map((e) => [e.category, e.items.length]))
    expect(plan).toMatchObject({ containers: 1, 'images-unused': 0, 'build-cache': 0 })
  })
})
