import type { RouteRecordRaw } from 'vue-router'
import type { NavEntry } from '../../shared/ui/nav-entry'

export const routes: RouteRecordRaw[] = [{ path: '/overview', name: 'overview', component: () => import('./OverviewView.vue') }]

export const nav: NavEntry = { route: 'overview', label: 'app.nav.overview', icon: 'gauge', order: 70 }
