import type { RouteRecordRaw } from 'vue-router'

export const hubRoutes: RouteRecordRaw[] = [
  { path: '/hub', name: 'hub', component: () => import('./HubSearchView.vue') },
  { path: '/hub/:namespace/:name', name: 'hub-repo', component: () => import('./HubRepositoryView.vue'), props: true },
]
