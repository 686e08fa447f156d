import { describe, expect, it } from 'vitest'
import type { ContainerRow } from '../../src-shared/contract/containers'
import { lastActions, rowAgreesWith } from './row-agreement'

const row = (state: ContainerRow['state'], health: ContainerRow['health'] = null): ContainerRow => ({
  id: 'a',
  name: 'web',
  image: 'busybox',
  command: 'sleep',
  created: 0,
  state,
  status: '',
  health,
  ports: [],
  labels: {},
  composeProject: null,
  composeService: null,
})

describe('rowAgreesWith', () => {
  it('rejects a row still showing the state from before a pause or unpause', () => {
    expect(rowAgreesWith('pause', row('running'))).toBe(false)
    expect(rowAgreesWith('pause', row('paused'))).toBe(true)
    expect(rowAgreesWith('unpause', row('paused'))).toBe(false)
    expect(rowAgreesWith('unpause', row('running'))).toBe(true)
  })

  it('expects a started container to have left "created" and a died one to have stopped', () => {
    expect(rowAgreesWith('start', row('created'))).toBe(false)
    expect(rowAgreesWith('start', row('exited'))).toBe(true)
    expect(rowAgreesWith('die', row('running'))).toBe(false)
    expect(rowAgreesWith('die', row('exited'))).toBe(true)
    expect(rowAgreesWith('die', row('restarting'))).toBe(true)
  })

  it('expects a destroyed container gone and any other to be listed', () => {
    expect(rowAgreesWith('destroy', null)).toBe(true)
    expect(rowAgreesWith('destroy', row('exited'))).toBe(false)
    expect(rowAgreesWith('create', null)).toBe(false)
    expect(rowAgreesWith('create', row('created'))).toBe(true)
  })

  it('checks the health an health_status event announced', () => {
    expect(rowAgreesWith('health_status: healthy', row('running', 'starting'))).toBe(false)
    expect(rowAgreesWith('health_status: healthy', row('running', 'healthy'))).toBe(true)
  })
})

describe('lastActions', () => {
  it('keeps the last container action per asked-for id', () => {
    const ev = (id: string, action: string, type = 'container') => ({ type, action, id, name: null, timeNano: 0 })
    const last = lastActions([ev('a', 'pause'), ev('b', 'start'), ev('a', 'unpause'), ev('a', 'create', 'network')], ['a'])
    expect([...last]).toEqual([['a', 'unpause']])
  })
})
