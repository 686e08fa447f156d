import type { ContainerRow } from '../../../src-shared/contract'
import { STATS_WATCH_MAX } from '../../../src-shared/contract/stats-limits'
import type { ListItem } from './container-list'

/**
 * The running containers among the list items on screen (by index), at most `max`, sorted so
 * the same set always gives the same list (a scroll that shows the same rows changes nothing).
 * A collapsed Compose header stands for none: its members are not on screen.
 */
export function visibleStatsIds(items: readonly ListItem[], indexes: Iterable<number>, max = STATS_WATCH_MAX): string[] {
  const ids = new Set<string>()
  for (const i of indexes) {
    const item = items[i]
    if (item?.kind !== 'row' || !hasStats(item.row)) continue
    ids.add(item.row.id)
    if (ids.size >= max) break
  }
  return [...ids].sort()
}

/** Only a running container has figures; paused, stopped and others show an empty cell. */
export function hasStats(row: ContainerRow): boolean {
  return row.state === 'running'
}

/** Whether two sorted id lists are the same set. */
export function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i])
}
