import type { RunParams } from '../../../src-shared/contract/run'
import { api } from '../../api'

// What the run dialog asks of main: run a container, and the networks it can join.

export const startRun = (params: RunParams) => api().invoke('run:start', params)

export async function networkNames(): Promise<string[]> {
  return (await api().invoke('networks:list')).map((n) => n.name)
}
