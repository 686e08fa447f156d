import type { EngineConnection } from '../connection'
import { inspectStatsTarget, type StatsTarget } from './engine-stats'
import { subject } from '../subject'

const FULL_ID = /^[0-9a-f]{64}$/

export function isFullId(ref: string): boolean {
  return FULL_ID.test(ref)
}

/** Reads a container by id or name: its full id (feeds are keyed by it), whether it runs, its limits. */
export function resolveTarget(conn: EngineConnection, ref: string): Promise<StatsTarget> {
  return conn.run((d) => inspectStatsTarget(d, ref), subject('container', ref))
}
