import type { ContainerRow } from '../../../src-shared/contract'
import type { ContainerAction } from './containers-store'
import { isAlive } from './container-list'

export interface RowAction {
  action: ContainerAction
  icon: 'play' | 'stop' | 'restart' | 'pause' | 'kill' | 'trash'
  /** Message key of the button's label. */
  label: string
  disabled: boolean
}

/** The buttons a container row (one container) or a Compose project row (several) offers. */
export function rowActions(rows: readonly ContainerRow[]): RowAction[] {
  const anyAlive = rows.some(isAlive)
  const anyStopped = rows.some((r) => !isAlive(r))
  const single = rows.length === 1 ? rows[0] : undefined
  if (single) {
    const paused = single.state === 'paused'
    return [
      isAlive(single) ? { action: 'stop', icon: 'stop', label: 'actions.stop', disabled: false } : { action: 'start', icon: 'play', label: 'actions.start', disabled: false },
      { action: 'restart', icon: 'restart', label: 'actions.restart', disabled: false },
      { action: paused ? 'unpause' : 'pause', icon: paused ? 'play' : 'pause', label: paused ? 'actions.unpause' : 'actions.pause', disabled: !paused && single.state !== 'running' },
      { action: 'kill', icon: 'kill', label: 'actions.kill', disabled: !isAlive(single) },
      { action: 'remove', icon: 'trash', label: 'actions.remove', disabled: false },
    ]
  }
  return [
    { action: 'start', icon: 'play', label: 'actions.startAll', disabled: !anyStopped },
    { action: 'stop', icon: 'stop', label: 'actions.stopAll', disabled: !anyAlive },
    { action: 'restart', icon: 'restart', label: 'actions.restartAll', disabled: false },
    { action: 'kill', icon: 'kill', label: 'actions.killAll', disabled: !anyAlive },
    { action: 'remove', icon: 'trash', label: 'actions.removeAll', disabled: false },
  ]
}
