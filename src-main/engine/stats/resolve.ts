import type { EngineConnection } from '../connection'
import { inspectStatsTarget, type StatsTarget } from './engine-stats'

const FULL_ID = /^[0-9a-f]{64}$/

export function subject(ref: string) {
  return { kind: 'container', ref: FULL_ID.test(ref) ? ref.slice(0, 12) : ref }
}

export function isFullId(ref: string): boolean {
  return FULL_ID.test(ref)
}

/** Reads a container by id or name: its full id (feeds are keyed by it), whether it runs, its limits. */
export function resolveTarget(conn: EngineConnection, ref: string): Promise<StatsTarget> {
  return conn.run((d) => inspectStatsTarget(d, ref), subject(ref))
}
