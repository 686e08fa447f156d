import type { RouteRecordRaw } from 'vue-router'

export const statsRoutes: RouteRecordRaw[] = [{ path: '/overview', name: 'overview', component: () => import('./OverviewView.vue') }]
