import { describe, expect, it } from 'vitest'
import { execRequests } from '../../../src-shared/contract/exec'
import { newMarker, SessionTable } from './sessions'

const control = () => ({ input: () => undefined, resize: () => Promise.resolve() })

describe('SessionTable', () => {
  it('makes ids the contract accepts, each one different', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => SessionTable.newId()))
    expect(ids.size).toBe(1000)
    for (const id of [...ids].slice(0, 20)) {
      expect(id).toHaveLength(32)
      expect(execRequests['exec:input'].params.safeParse({ sessionId: id, data: 'x' }).success).toBe(true)
    }
  })

  it('finds a session by id until it is removed, then answers that it has ended', () => {
    const t = new SessionTable()
    const c = control()
    const remove = t.add('id-1', c)
    expect(t.get('id-1')).toBe(c)
    remove()
    expect(() => t.get('id-1')).toThrow(expect.objectContaining({ code: 'NOT_FOUND', details: expect.objectContaining({ reason: 'terminal_session_ended' }) }))
    expect(t.size()).toBe(0)
  })

  it('a stale remover does not remove a newer session under the same id', () => {
    const t = new SessionTable()
    const removeOld = t.add('id', control())
    const newer = control()
    t.add('id', newer)
    removeOld()
    expect(t.get('id')).toBe(newer)
  })
})

describe('newMarker', () => {
  it('is letters and digits only, and random', () => {
    expect(newMarker()).toMatch(/^[0-9a-f]{32}$/)
    expect(newMarker()).not.toBe(newMarker())
  })
})
