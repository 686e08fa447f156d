import type { RouteRecordRaw } from 'vue-router'

export const networksRoutes: RouteRecordRaw[] = [{ path: '/networks', name: 'networks', component: () => import('./NetworksView.vue') }]
