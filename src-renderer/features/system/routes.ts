import type { RouteRecordRaw } from 'vue-router'
import type { NavEntry } from '../../shared/ui/nav-entry'

export const routes: RouteRecordRaw[] = [{ path: '/disk', name: 'disk', component: () => import('./DiskView.vue') }]

export const nav: NavEntry = { route: 'disk', label: 'disk.nav', icon: 'disk', order: 60 }
