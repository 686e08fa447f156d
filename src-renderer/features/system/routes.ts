import type { RouteRecordRaw } from 'vue-router'

export const systemRoutes: RouteRecordRaw[] = [{ path: '/disk', name: 'disk', component: () => import('./DiskView.vue') }]
