import { describe, expect, it } from 'vitest'
import { changedContainerIds, toEngineEvent } from './engine-event'

const T0 = 1_732_370_000_000_000_000 // an engine timeNano

describe('toEngineEvent', () => {
  it('keeps what the UI uses and drops the other attributes', () => {
    const raw = {
      Type: 'container',
      Action: 'start',
      Actor: { ID: 'abc', Attributes: { name: 'web', image: 'nginx', SECRET_ENV: 'hunter2' } },
      time: 1732370000,
      timeNano: T0,
    }
    expect(toEngineEvent(raw)).toEqual({ type: 'container', action: 'start', id: 'abc', name: 'web', timeNano: T0 })
  })

  it('falls back to seconds when the engine sends no timeNano, and to the old top-level id', () => {
    expect(toEngineEvent({ Type: 'image', Action: 'pull', id: 'busybox', time: 5 })).toEqual({ type: 'image', action: 'pull', id: 'busybox', name: null, timeNano: 5e9 })
  })

  it('skips events without a type, action or id', () => {
    expect(toEngineEvent({ Action: 'start', Actor: { ID: 'a' } })).toBeNull()
    expect(toEngineEvent({ Type: 'container', Actor: { ID: 'a' } })).toBeNull()
    expect(toEngineEvent({ Type: 'container', Action: 'start' })).toBeNull()
  })
})

describe('changedContainerIds', () => {
  it('lists each container whose row may have changed once, in first-seen order, ignoring exec and other neutral actions', () => {
    const e = (type: string, action: string, id: string) => ({ type, action, id, name: null, timeNano: 0 })
    const ids = changedContainerIds([
      e('container', 'exec_start: sh', 'a'),
      e('container', 'start', 'b'),
      e('network', 'connect', 'n'),
      e('container', 'health_status: healthy', 'c'),
      e('container', 'die', 'b'),
      e('container', 'resize', 'd'),
      e('container', 'destroy', 'a'),
    ])
    expect(ids).toEqual(['b', 'c', 'a'])
  })
})
