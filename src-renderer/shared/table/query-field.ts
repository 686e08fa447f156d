import { computed, type WritableComputedRef } from 'vue'

/**
 * One field of a list store's query as a v-model (the search, the filter). Writing it replaces
 * the whole query, so what watches the query sees the change.
 */
export function queryField<Q extends object, K extends keyof Q>(owner: { query: Q }, key: K): WritableComputedRef<Q[K]> {
  return computed({
    get: () => owner.query[key],
    set: (value) => (owner.query = { ...owner.query, [key]: value }),
  })
}
