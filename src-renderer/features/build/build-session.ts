import { onScopeDispose, ref, shallowRef } from 'vue'
import type { BuildLine, BuildParams, FolderPick } from '../../../src-shared/contract/build'
import type { BerthErrorShape } from '../../../src-shared/contract/errors'
import { api } from '../../api'

export type BuildState = 'idle' | 'building' | 'done' | 'failed' | 'stopped'

// The dialog keeps this many lines; a longer build drops its oldest (the result stays).
const MAX_LINES = 5000

/**
 * One build at a time for the build dialog: subscribes to `build`, gathers the output lines,
 * the current step and the outcome; stopping (or the calling scope ending) unsubscribes,
 * which makes main abort the build.
 */
export function useBuildSession() {
  const state = ref<BuildState>('idle')
  const lines = shallowRef<BuildLine[]>([])
  const step = ref<{ step: number; total: number; instruction: string } | null>(null)
  const result = ref<{ imageId: string; tags: string[] } | null>(null)
  const error = ref<BerthErrorShape | Error | null>(null)
  let unsubscribe: (() => void) | null = null
  let generation = 0

  function append(more: BuildLine[]): void {
    const next = lines.value.concat(more)
    lines.value = next.length > MAX_LINES ? next.slice(next.length - MAX_LINES) : next
  }

  async function start(params: BuildParams): Promise<void> {
    stop()
    const mine = ++generation
    state.value = 'building'
    lines.value = []
    step.value = null
    result.value = null
    error.value = null
    try {
      const off = await api().subscribe(
        'build:run',
        params,
        (m) => {
          if (mine !== generation) return
          if (m.kind === 'output') append(m.lines)
          else if (m.kind === 'step') step.value = { step: m.step, total: m.total, instruction: m.instruction }
          else result.value = { imageId: m.imageId, tags: m.tags }
        },
        (err) => {
          if (mine !== generation) return
          unsubscribe = null
          if (err) {
            error.value = err
            state.value = 'failed'
          } else state.value = result.value ? 'done' : 'failed'
        },
      )
      if (mine !== generation || state.value !== 'building') off()
      else unsubscribe = off
    } catch (err) {
      if (mine !== generation) return
      error.value = err as Error
      state.value = 'failed'
    }
  }

  /** Stops a running build (main aborts it); nothing happens when none runs. */
  function stop(): void {
    generation++
    unsubscribe?.()
    unsubscribe = null
    if (state.value === 'building') state.value = 'stopped'
  }

  const pickFolder = (): Promise<FolderPick> => api().invoke('build:pick-folder')

  onScopeDispose(stop)
  return { state, lines, step, result, error, start, stop, pickFolder }
}
