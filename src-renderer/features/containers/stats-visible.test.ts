import { describe, expect, it } from 'vitest'
import { buildListItems, type ListQuery } from './container-list'
import { row } from '../../shared/testing/container-row'
import { hasStats, sameIds, visibleStatsIds } from './stats-visible'

const query: ListQuery = { search: '', state: 'all', sortKey: 'name', sortDir: 'asc' }
const compose = (project: string) => ({ composeProject: project, composeService: 'svc' })

describe('visibleStatsIds', () => {
  const rows = [
    row({ id: 'a', state: 'running' }),
    row({ id: 'b', state: 'exited' }),
    row({ id: 'c', state: 'paused' }),
    row({ id: 'd', state: 'running' }),
    row({ id: 'e', state: 'running', ...compose('p') }),
    row({ id: 'f', state: 'running', ...compose('p') }),
  ]

  it('takes the running rows on screen only', () => {
    const items = buildListItems(rows, query, new Set())
    // a, b, c, d, [p], e, f: the first three on screen.
    expect(visibleStatsIds(items, [0, 1, 2])).toEqual(['a'])
    expect(visibleStatsIds(items, [3, 4, 5, 6])).toEqual(['d', 'e', 'f'])
  })

  it('takes none for a collapsed Compose project, whose members are not drawn', () => {
    const items = buildListItems(rows, query, new Set(['p']))
    expect(visibleStatsIds(items, items.keys())).toEqual(['a', 'd'])
  })

  it('never asks for more than the cap', () => {
    const many = Array.from({ length: 100 }, (_, i) => row({ id: `c${String(i).padStart(3, '0')}` }))
    const items = buildListItems(many, query, new Set())
    expect(visibleStatsIds(items, items.keys(), 60)).toHaveLength(60)
    expect(visibleStatsIds(items, items.keys()).length).toBeLessThanOrEqual(60)
  })

  it('gives the same list for the same set in any order', () => {
    const items = buildListItems(rows, query, new Set())
    expect(sameIds(visibleStatsIds(items, [6, 0, 3]), visibleStatsIds(items, [0, 3, 6]))).toBe(true)
    expect(sameIds(['a'], ['a', 'd'])).toBe(false)
  })

  it('has figures only for running containers', () => {
    expect(hasStats(row({ id: 'x', state: 'running' }))).toBe(true)
    expect(hasStats(row({ id: 'x', state: 'paused' }))).toBe(false)
    expect(hasStats(row({ id: 'x', state: 'exited' }))).toBe(false)
  })
})
