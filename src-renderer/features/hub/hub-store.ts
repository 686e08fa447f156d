import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import type { ParamsOf } from '../../../src-shared/contract'
import type { HubBadge, HubRateLimit, HubRepository, HubSearchPage, HubTagsPage } from '../../../src-shared/contract/hub'
import { api } from '../../api'

/**
 * Docker Hub for the screens: the calls (main caches answers briefly, so going back does not
 * ask the Hub again), the latest rate-limit figures, and the badges seen in search results
 * (the repository endpoint does not say whether a publisher is verified).
 */
export const useHubStore = defineStore('hub', () => {
  const rateLimit = shallowRef<HubRateLimit | null>(null)
  const badges = shallowRef(new Map<string, HubBadge>())
  /** The last search's route query, so a repository page can go back to it. */
  const lastSearch = shallowRef<Record<string, string> | null>(null)

  function note(limit: HubRateLimit | null): void {
    if (limit) rateLimit.value = limit
  }

  async function search(params: ParamsOf<'hub:search'>): Promise<HubSearchPage> {
    const page = await api().invoke('hub:search', params)
    note(page.rateLimit)
    const next = new Map(badges.value)
    for (const r of page.results) next.set(`${r.namespace}/${r.name}`, r.badge)
    badges.value = next
    return page
  }

  async function repository(namespace: string, name: string): Promise<HubRepository> {
    const repo = await api().invoke('hub:repository', { namespace, name })
    note(repo.rateLimit)
    return repo
  }

  async function tags(namespace: string, name: string, page: number, pageSize: number): Promise<HubTagsPage> {
    const result = await api().invoke('hub:tags', { namespace, name, page, pageSize })
    note(result.rateLimit)
    return result
  }

  function badgeOf(namespace: string, name: string): HubBadge {
    return namespace === 'library' ? 'official' : (badges.value.get(`${namespace}/${name}`) ?? null)
  }

  return { rateLimit, lastSearch, search, repository, tags, badgeOf }
})
