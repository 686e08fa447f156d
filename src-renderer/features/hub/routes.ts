import type { RouteRecordRaw } from 'vue-router'
import type { NavEntry } from '../../shared/ui/nav-entry'

export const routes: RouteRecordRaw[] = [
  { path: '/hub', name: 'hub', component: () => import('./HubSearchView.vue') },
  { path: '/hub/:namespace/:name', name: 'hub-repo', component: () => import('./HubRepositoryView.vue'), props: true },
]

export const nav: NavEntry = { route: 'hub', label: 'hub.nav', icon: 'hub', order: 30, activeUnder: '/hub' }
