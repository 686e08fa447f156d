import { describe, expect, it } from 'vitest'
import { buildListItems, matchesSearch, matchesState, type ListQuery } from './container-list'
import { row } from '../../shared/testing/container-row'

const query = (over: Partial<ListQuery> = {}): ListQuery => ({ search: '', state: 'all', sortKey: 'name', sortDir: 'asc', ...over })
const names = (items: ReturnType<typeof buildListItems>) => items.map((i) => (i.kind === 'row' ? i.row.name : `[${i.project}]`))

describe('search', () => {
  const web = row({ id: 'a1b2c3d4e5f6', name: 'web', image: 'nginx:1.27', labels: { tier: 'frontend', 'com.example.owner': 'kim' } })

  it('matches name, image and an id prefix', () => {
    expect(matchesSearch(web, 'we')).toBe(true)
    expect(matchesSearch(web, 'nginx')).toBe(true)
    expect(matchesSearch(web, 'a1b2')).toBe(true)
    expect(matchesSearch(web, 'b2c3')).toBe(false)
  })

  it('matches a label by key, by value and by key=value', () => {
    expect(matchesSearch(web, 'tier')).toBe(true)
    expect(matchesSearch(web, 'kim')).toBe(true)
    expect(matchesSearch(web, 'tier=front')).toBe(true)
    expect(matchesSearch(web, 'tier=back')).toBe(false)
  })

  it('requires every word to match, ignoring case', () => {
    expect(matchesSearch(web, 'WEB nginx')).toBe(true)
    expect(matchesSearch(web, 'web redis')).toBe(false)
  })
})

describe('state filter', () => {
  it('counts paused and restarting containers as running, created and exited as stopped', () => {
    expect(matchesState(row({ id: 'a', state: 'paused' }), 'running')).toBe(true)
    expect(matchesState(row({ id: 'a', state: 'restarting' }), 'running')).toBe(true)
    expect(matchesState(row({ id: 'a', state: 'created' }), 'stopped')).toBe(true)
    expect(matchesState(row({ id: 'a', state: 'exited' }), 'running')).toBe(false)
  })
})

describe('buildListItems', () => {
  const rows = [
    row({ id: '1', name: 'zeta', created: 3 }),
    row({ id: '2', name: 'shop-api-1', composeProject: 'shop', composeService: 'api', created: 1 }),
    row({ id: '3', name: 'alpha', state: 'exited', created: 2 }),
    row({ id: '4', name: 'shop-db-1', composeProject: 'shop', composeService: 'db', state: 'exited', created: 4 }),
  ]

  it('places a Compose project where its first member sorts, members under it', () => {
    expect(names(buildListItems(rows, query(), new Set()))).toEqual(['alpha', '[shop]', 'shop-api-1', 'shop-db-1', 'zeta'])
  })

  it('counts running members on the project row', () => {
    const group = buildListItems(rows, query(), new Set()).find((i) => i.kind === 'group')
    expect(group).toMatchObject({ project: 'shop', running: 1, collapsed: false })
  })

  it('hides the members of a collapsed project but keeps its header', () => {
    expect(names(buildListItems(rows, query(), new Set(['shop'])))).toEqual(['alpha', '[shop]', 'zeta'])
  })

  it('sorts descending and by creation time', () => {
    expect(names(buildListItems(rows, query({ sortKey: 'created', sortDir: 'desc' }), new Set()))).toEqual(['[shop]', 'shop-db-1', 'shop-api-1', 'zeta', 'alpha'])
  })

  it('filters by state before grouping, so a project shows only matching members', () => {
    expect(names(buildListItems(rows, query({ state: 'running' }), new Set()))).toEqual(['[shop]', 'shop-api-1', 'zeta'])
  })

  it('keeps every member when the search names the project', () => {
    expect(names(buildListItems(rows, query({ search: 'shop' }), new Set()))).toEqual(['[shop]', 'shop-api-1', 'shop-db-1'])
  })

  it('sorts by first published port, containers without ports last', () => {
    const withPorts = [
      row({ id: 'p1', name: 'b', ports: [{ ip: null, privatePort: 80, publicPort: 8080, type: 'tcp' }] }),
      row({ id: 'p2', name: 'a' }),
      row({ id: 'p3', name: 'c', ports: [{ ip: null, privatePort: 80, publicPort: 3000, type: 'tcp' }] }),
    ]
    expect(names(buildListItems(withPorts, query({ sortKey: 'ports' }), new Set()))).toEqual(['c', 'b', 'a'])
  })
})
