import { api } from '../../api'
import type { RunParams, RunResult } from '../../../src-shared/contract/run'

/** What the run dialog asks of main: run a container, and the networks it can join. */
export function useRunActions() {
  return {
    run: (params: RunParams): Promise<RunResult> => api().invoke('run:start', params),
    async networkNames(): Promise<string[]> {
      return (await api().invoke('networks:list')).map((n) => n.name)
    },
  }
}
