import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { ManifestDetail } from '../../../src-shared/contract/registries'
import { api } from '../../api'

/** One paged list (repositories or tags): what is loaded, the cursor for more, and its state. */
interface Paged {
  items: string[]
  next: string | null
  loading: boolean
  error: unknown
}

const emptyPage = (): Paged => ({ items: [], next: null, loading: false, error: null })

/**
 * Browsing one registry: repositories → tags → manifest. Each level forgets what was below it
 * when its selection changes; an answer that arrives for an old selection is dropped.
 */
export const useRegistryBrowserStore = defineStore('registryBrowser', () => {
  const registry = ref<string | null>(null)
  const repositories = ref<Paged>(emptyPage())
  const repository = ref<string | null>(null)
  const tags = ref<Paged>(emptyPage())
  const tag = ref<string | null>(null)
  const manifest = shallowRef<ManifestDetail | null>(null)
  const manifestLoading = ref(false)
  const manifestError = ref<unknown>(null)
  // One counter per level: a newer selection at a level drops late answers for it and below.
  const gen = { repos: 0, tags: 0, manifest: 0 }

  async function open(name: string): Promise<void> {
    gen.repos++
    registry.value = name
    repositories.value = emptyPage()
    clearRepository()
    await moreRepositories()
  }

  function clearRepository(): void {
    gen.tags++
    repository.value = null
    tags.value = emptyPage()
    clearTag()
  }

  function clearTag(): void {
    gen.manifest++
    tag.value = null
    manifest.value = null
    manifestError.value = null
    manifestLoading.value = false
  }

  async function moreRepositories(): Promise<void> {
    const name = registry.value
    if (!name) return
    const g = gen.repos
    const page = repositories.value
    page.loading = true
    page.error = null
    try {
      const got = await api().invoke('registries:catalog', { registry: name, ...(page.next ? { last: page.next } : {}) })
      if (g !== gen.repos) return
      page.items = [...page.items, ...got.repositories]
      page.next = got.next
    } catch (err) {
      if (g === gen.repos) page.error = err
    } finally {
      if (g === gen.repos) page.loading = false
    }
  }

  async function selectRepository(name: string): Promise<void> {
    if (!registry.value) return
    clearRepository()
    repository.value = name
    await moreTags()
  }

  async function moreTags(): Promise<void> {
    const reg = registry.value
    const repo = repository.value
    if (!reg || !repo) return
    const g = gen.tags
    const page = tags.value
    page.loading = true
    page.error = null
    try {
      const got = await api().invoke('registries:tags', { registry: reg, repository: repo, ...(page.next ? { last: page.next } : {}) })
      if (g !== gen.tags) return
      page.items = [...page.items, ...got.tags]
      page.next = got.next
    } catch (err) {
      if (g === gen.tags) page.error = err
    } finally {
      if (g === gen.tags) page.loading = false
    }
  }

  async function selectTag(name: string): Promise<void> {
    const reg = registry.value
    const repo = repository.value
    if (!reg || !repo) return
    clearTag()
    const g = gen.manifest
    tag.value = name
    manifestLoading.value = true
    try {
      const got = await api().invoke('registries:manifest', { registry: reg, repository: repo, reference: name })
      if (g === gen.manifest) manifest.value = got
    } catch (err) {
      if (g === gen.manifest) manifestError.value = err
    } finally {
      if (g === gen.manifest) manifestLoading.value = false
    }
  }

  return { registry, repositories, repository, tags, tag, manifest, manifestLoading, manifestError, open, moreRepositories, selectRepository, moreTags, selectTag }
})
