import type { ContainerState } from '../../../src-shared/contract'

/** The engine's "zero" time (Go's 0001-01-01) means "never". */
function instant(iso: string): number | null {
  const ms = Date.parse(iso)
  return Number.isNaN(ms) || ms <= 0 ? null : ms
}

export type StateSince = { key: 'detail.since.started'; at: number } | { key: 'detail.since.exited'; at: number; code: number } | { key: 'detail.since.created'; at: number }

/**
 * What the detail header says after the state badge, from inspect's own times, so it can be
 * said in the interface's language (the engine's "Up 5 minutes" is English only).
 */
export function stateSince(state: ContainerState, times: { startedAt: string; finishedAt: string; exitCode: number | null; created: number }): StateSince | null {
  const started = instant(times.startedAt)
  const finished = instant(times.finishedAt)
  if ((state === 'running' || state === 'paused' || state === 'restarting') && started !== null) return { key: 'detail.since.started', at: started }
  if ((state === 'exited' || state === 'dead') && finished !== null) return { key: 'detail.since.exited', at: finished, code: times.exitCode ?? 0 }
  if (state === 'created' && times.created > 0) return { key: 'detail.since.created', at: times.created * 1000 }
  return null
}
