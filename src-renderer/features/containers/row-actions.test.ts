import { describe, expect, it } from 'vitest'
import { row } from '../../shared/testing/container-row'
import { rowActions } from './row-actions'

const offered = (rows: ReturnType<typeof row>[]) => rowActions(rows).map((a) => `${a.action}${a.disabled ? '(off)' : ''}`)

describe('rowActions', () => {
  it('offers stop, pause and kill for a running container, start for a stopped one', () => {
    expect(offered([row({ id: 'a', state: 'running' })])).toEqual(['stop', 'restart', 'pause', 'kill', 'remove'])
    expect(offered([row({ id: 'a', state: 'exited' })])).toEqual(['start', 'restart', 'pause(off)', 'kill(off)', 'remove'])
    expect(offered([row({ id: 'a', state: 'paused' })])).toEqual(['stop', 'restart', 'unpause', 'kill', 'remove'])
  })

  it('offers group actions for a project, enabled by what its members are doing', () => {
    expect(offered([row({ id: 'a', state: 'running' }), row({ id: 'b', state: 'running' })])).toEqual(['start(off)', 'stop', 'restart', 'kill', 'remove'])
    expect(offered([row({ id: 'a', state: 'exited' }), row({ id: 'b', state: 'created' })])).toEqual(['start', 'stop(off)', 'restart', 'kill(off)', 'remove'])
  })
})
