import { describe, expect, it } from 'vitest'
import type { StatsSample } from '../../../src-shared/contract/stats'
import { HistoryStore } from './history'

const sample = (t: number): StatsSample => ({
  t,
  cpuPercent: 1,
  onlineCpus: 1,
  memoryBytes: 1,
  memoryLimitBytes: 1,
  netRxBytesPerSec: 0,
  netTxBytesPerSec: 0,
  blockReadBytesPerSec: 0,
  blockWriteBytesPerSec: 0,
  pids: 1,
})

describe('HistoryStore', () => {
  it('records only while watched, and keeps the newest samples up to its capacity', () => {
    const h = new HistoryStore(() => 0, 60_000, 10, 3)
    h.add('a', sample(1))
    expect(h.samples('a')).toEqual([])
    h.watch('a')
    for (let t = 1; t <= 5; t++) h.add('a', sample(t))
    expect(h.samples('a').map((s) => s.t)).toEqual([3, 4, 5])
  })

  it('ignores a sample not newer than the last (a reopened stream repeating itself)', () => {
    const h = new HistoryStore(() => 0)
    h.watch('a')
    h.add('a', sample(5))
    h.add('a', sample(5))
    h.add('a', sample(4))
    expect(h.samples('a').map((s) => s.t)).toEqual([5])
  })

  it('keeps a history after its last watcher leaves, so reopening shows it, until it expires', () => {
    let now = 0
    const h = new HistoryStore(() => now, 60_000, 10, 900)
    const release = h.watch('a')
    h.add('a', sample(1))
    release()
    now = 59_000
    expect(h.samples('a').map((s) => s.t)).toEqual([1])
    now = 60_000
    expect(h.samples('a')).toEqual([])
    expect(h.ids()).toEqual([])
  })

  it('keeps at most keepMax unwatched histories, dropping the longest unwatched first', () => {
    let now = 0
    const h = new HistoryStore(() => now, 60_000, 2, 900)
    for (const id of ['a', 'b', 'c']) {
      now++
      h.watch(id)()
    }
    expect(h.ids().sort()).toEqual(['b', 'c'])
  })

  it('a second watcher keeps the history alive when the first leaves', () => {
    let now = 0
    const h = new HistoryStore(() => now, 1000, 10, 900)
    const one = h.watch('a')
    h.watch('a')
    h.add('a', sample(1))
    one()
    now = 10_000
    h.prune()
    expect(h.samples('a').map((s) => s.t)).toEqual([1])
  })

  it('forgets a removed container: an unwatched history goes, a watched one is emptied', () => {
    const h = new HistoryStore(() => 0)
    h.watch('gone')()
    const release = h.watch('kept')
    h.add('kept', sample(1))
    h.forget('gone')
    h.forget('kept')
    expect(h.ids()).toEqual(['kept'])
    expect(h.samples('kept')).toEqual([])
    release()
  })
})
