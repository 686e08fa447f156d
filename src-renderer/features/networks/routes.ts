import type { RouteRecordRaw } from 'vue-router'
import type { NavEntry } from '../../shared/ui/nav-entry'

export const routes: RouteRecordRaw[] = [{ path: '/networks', name: 'networks', component: () => import('./NetworksView.vue') }]

export const nav: NavEntry = { route: 'networks', label: 'networks.nav', icon: 'network', order: 50 }
