import { api } from '../../api'

/** Whether the container runs and which shells it has, to open the first terminal with. */
export const probeShells = (id: string) => api().invoke('exec:probe', { id })
