import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { RegistryRow } from '../../../src-shared/contract/registries'
import { api } from '../../api'

/** Known registries and their login state (never a secret: main keeps those). */
export const useRegistriesStore = defineStore('registries', () => {
  const rows = ref<RegistryRow[]>([])
  const loaded = ref(false)

  async function refresh(): Promise<void> {
    rows.value = await api().invoke('registries:list')
    loaded.value = true
  }

  function put(row: RegistryRow): void {
    const others = rows.value.filter((r) => r.registry !== row.registry)
    rows.value = [...others, row].sort((a, b) => a.registry.localeCompare(b.registry))
  }

  async function add(registry: string): Promise<RegistryRow> {
    const row = await api().invoke('registries:add', { registry })
    put(row)
    return row
  }

  async function forget(registry: string): Promise<void> {
    await api().invoke('registries:forget', { registry })
    await refresh()
  }

  /** The password goes to main once; what comes back is the row (user name and where it is stored). */
  async function login(registry: string, username: string, password: string): Promise<RegistryRow> {
    const row = await api().invoke('registries:login', { registry, username, password })
    put(row)
    return row
  }

  async function logout(registry: string): Promise<void> {
    await api().invoke('registries:logout', { registry })
    await refresh()
  }

  const find = (registry: string) => rows.value.find((r) => r.registry === registry) ?? null

  return { rows, loaded, refresh, add, forget, login, logout, find }
})
