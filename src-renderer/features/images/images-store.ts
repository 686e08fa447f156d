import { computed, ref } from 'vue'
import type { ImageRow } from '../../../src-shared/contract'
import { api } from '../../api'
import { defineLiveList, type RowOutcome } from '../../shared/live-list'
import { buildImageList, removeTarget, type ImageQuery } from './image-list'

export type ImageOutcome = RowOutcome<'key'>

/**
 * Images as the engine has them, the live list of `images:changes` keyed by ImageRow.key (one
 * row per tag), held while an image screen is open. Never polled: main re-lists and sends the
 * rows that changed (a pull, a tag, a container made or removed for the "in use" counts).
 */
export const useImagesStore = defineLiveList(
  {
    id: 'images',
    list: (signal) => api().invokeWith(signal, 'images:list'),
    changes: 'images:changes',
    keyOf: (r: ImageRow) => r.key,
  },
  (live) => {
    const query = ref<ImageQuery>({ search: '', filter: 'all', sortKey: 'repository', sortDir: 'asc' })

    // A new array per change, so a watcher sees every one.
    const all = computed(() => [...live.rows.value.values()])
    const items = computed(() => buildImageList(live.rows.value.values(), query.value))
    const total = computed(() => live.rows.value.size)

    /** Removes one image at a time (a later one may free an earlier one's layers); each row pending until it is gone. */
    async function removeMany(targets: readonly ImageRow[], force: boolean): Promise<ImageOutcome[]> {
      const out: ImageOutcome[] = []
      for (const row of targets) out.push({ key: row.key, ...(await live.attempt(row.key, () => api().invoke('images:remove', { id: removeTarget(row), force }))) })
      return out
    }

    async function tag(id: string, target: string): Promise<string> {
      const { reference } = await api().invoke('images:tag', { id, target })
      return reference
    }

    return { query, all, items, total, removeMany, tag }
  },
)
