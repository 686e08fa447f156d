import type { RouteRecordRaw } from 'vue-router'

export const registriesRoutes: RouteRecordRaw[] = [
  { path: '/registries', name: 'registries', component: () => import('./RegistriesView.vue') },
  { path: '/registries/:registry', name: 'registry', component: () => import('./RegistryBrowseView.vue'), props: true },
]
