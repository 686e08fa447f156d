import { describe, expect, it } from 'vitest'
import { stateSince } from './state-since'

const ZERO = '0001-01-01T00:00:00Z'

describe('stateSince', () => {
  it('says when a running or paused container started, from inspect’s StartedAt', () => {
    const times = { startedAt: '2026-11-24T01:00:00.123456789Z', finishedAt: ZERO, exitCode: null, created: 1_795_000_000 }
    expect(stateSince('running', times)).toEqual({ key: 'detail.since.started', at: Date.parse('2026-11-24T01:00:00.123Z') })
    expect(stateSince('paused', times)?.key).toBe('detail.since.started')
  })

  it('says when an exited container stopped and with which code', () => {
    const times = { startedAt: '2026-11-24T01:00:00Z', finishedAt: '2026-11-24T01:05:00Z', exitCode: 137, created: 1_795_000_000 }
    expect(stateSince('exited', times)).toEqual({ key: 'detail.since.exited', at: Date.parse('2026-11-24T01:05:00Z'), code: 137 })
  })

  it('says when a container that never ran was created, and nothing when the engine has no time', () => {
    expect(stateSince('created', { startedAt: ZERO, finishedAt: ZERO, exitCode: null, created: 1_795_000_000 })).toEqual({ key: 'detail.since.created', at: 1_795_000_000_000 })
    expect(stateSince('running', { startedAt: ZERO, finishedAt: ZERO, exitCode: null, created: 0 })).toBeNull()
  })
})
