import type { ContainerRow, ContainerState } from '../../../src-shared/contract'
import type { ListQueryBase } from '../../shared/table/list-table'

export type StateFilter = 'all' | 'running' | 'stopped'
export type SortKey = 'name' | 'image' | 'state' | 'ports' | 'created'

export interface ListQuery extends ListQueryBase<SortKey> {
  state: StateFilter
}

/** One line of the table: a Compose project header or a container. */
export type ListItem = { kind: 'group'; key: string; project: string; rows: ContainerRow[]; running: number; collapsed: boolean } | { kind: 'row'; key: string; row: ContainerRow; inGroup: boolean }

const ALIVE: ReadonlySet<ContainerState> = new Set(['running', 'paused', 'restarting'])

export function isAlive(row: ContainerRow): boolean {
  return ALIVE.has(row.state)
}

export function matchesState(row: ContainerRow, filter: StateFilter): boolean {
  if (filter === 'all') return true
  return filter === 'running' ? isAlive(row) : !isAlive(row)
}

/**
 * Search like a person expects: every word must match the name, image, an id prefix, the
 * Compose project, or a label (`key`, `key=value`, or a value).
 */
export function matchesSearch(row: ContainerRow, search: string): boolean {
  const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean)
  return words.every((w) => matchesWord(row, w))
}

function matchesWord(row: ContainerRow, w: string): boolean {
  if (row.name.toLowerCase().includes(w) || row.image.toLowerCase().includes(w)) return true
  if (row.id.startsWith(w)) return true
  if (row.composeProject?.toLowerCase().includes(w)) return true
  const eq = w.indexOf('=')
  for (const [k, v] of Object.entries(row.labels)) {
    const key = k.toLowerCase()
    const value = v.toLowerCase()
    if (eq > 0 ? key === w.slice(0, eq) && value.includes(w.slice(eq + 1)) : key.includes(w) || value.includes(w)) return true
  }
  return false
}

const STATE_ORDER: Record<ContainerState, number> = { running: 0, restarting: 1, paused: 2, created: 3, removing: 4, exited: 5, dead: 6 }
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

function firstPort(row: ContainerRow): number {
  const published = row.ports.map((p) => p.publicPort).filter((p): p is number => p !== null)
  return published.length ? Math.min(...published) : Number.POSITIVE_INFINITY
}

export function compareRows(a: ContainerRow, b: ContainerRow, key: SortKey): number {
  switch (key) {
    case 'name':
      return collator.compare(a.name, b.name)
    case 'image':
      return collator.compare(a.image, b.image) || collator.compare(a.name, b.name)
    case 'state':
      return STATE_ORDER[a.state] - STATE_ORDER[b.state] || collator.compare(a.name, b.name)
    case 'ports': {
      const pa = firstPort(a)
      const pb = firstPort(b)
      return pa === pb ? collator.compare(a.name, b.name) : pa < pb ? -1 : 1
    }
    case 'created':
      return a.created - b.created || collator.compare(a.name, b.name)
  }
}

/**
 * Filters, sorts and groups rows into what the table shows. A Compose project becomes a
 * header placed where its first member sorts, followed by its members unless collapsed.
 * A search that matches the project name keeps all of its members.
 */
export function buildListItems(rows: Iterable<ContainerRow>, query: ListQuery, collapsed: ReadonlySet<string>): ListItem[] {
  const term = query.search.trim().toLowerCase()
  const dir = query.sortDir === 'asc' ? 1 : -1
  const kept = [...rows].filter((r) => matchesState(r, query.state) && (term === '' || matchesSearch(r, term) || (r.composeProject?.toLowerCase().includes(term) ?? false)))
  kept.sort((a, b) => dir * compareRows(a, b, query.sortKey))

  const groups = new Map<string, ContainerRow[]>()
  for (const r of kept) if (r.composeProject) groups.set(r.composeProject, [...(groups.get(r.composeProject) ?? []), r])

  const items: ListItem[] = []
  const placed = new Set<string>()
  for (const r of kept) {
    const project = r.composeProject
    if (!project) {
      items.push({ kind: 'row', key: r.id, row: r, inGroup: false })
      continue
    }
    if (placed.has(project)) continue
    placed.add(project)
    const members = groups.get(project) ?? []
    const isCollapsed = collapsed.has(project)
    items.push({ kind: 'group', key: `project:${project}`, project, rows: members, running: members.filter(isAlive).length, collapsed: isCollapsed })
    if (!isCollapsed) for (const m of members) items.push({ kind: 'row', key: m.id, row: m, inGroup: true })
  }
  return items
}
