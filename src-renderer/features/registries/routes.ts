import type { RouteRecordRaw } from 'vue-router'
import type { NavEntry } from '../../shared/ui/nav-entry'

export const routes: RouteRecordRaw[] = [
  { path: '/registries', name: 'registries', component: () => import('./RegistriesView.vue') },
  { path: '/registries/:registry', name: 'registry', component: () => import('./RegistryBrowseView.vue'), props: true },
]

export const nav: NavEntry = { route: 'registries', label: 'registries.nav', icon: 'registry', order: 80, activeUnder: '/registries' }
