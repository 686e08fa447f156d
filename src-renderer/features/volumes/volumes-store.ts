import { computed, ref } from 'vue'
import type { ParamsOf, VolumeRow } from '../../../src-shared/contract'
import { api } from '../../api'
import { defineLiveList, type RowOutcome } from '../../shared/live-list'
import { visibleVolumes, type VolumeQuery } from './volume-list'

export type VolumeOutcome = RowOutcome<'name'>

/**
 * Volumes as the engine has them, the live list of `volumes:changes` keyed by name, held while
 * a volumes screen is open: nothing runs for volumes while they are not shown.
 */
export const useVolumesStore = defineLiveList(
  {
    id: 'volumes',
    list: (signal) => api().invokeWith(signal, 'volumes:list'),
    changes: 'volumes:changes',
    keyOf: (r: VolumeRow) => r.name,
  },
  (live) => {
    const query = ref<VolumeQuery>({ search: '', filter: 'all', sortKey: 'name', sortDir: 'asc' })
    const visible = computed(() => visibleVolumes(live.rows.value.values(), query.value))

    /** Creates a volume and shows its row at once; the change feed repeats it a moment later. */
    async function create(params: ParamsOf<'volumes:create'>): Promise<VolumeRow> {
      const row = await api().invoke('volumes:create', params)
      live.apply([{ key: row.name, row }])
      return row
    }

    /** Removes volumes, each row pending until main reports it gone (a refusal ends it at once). */
    function remove(names: readonly string[]): Promise<VolumeOutcome[]> {
      return Promise.all(names.map(async (name) => ({ name, ...(await live.attempt(name, () => api().invoke('volumes:remove', { name }))) })))
    }

    return { query, visible, create, remove }
  },
)
