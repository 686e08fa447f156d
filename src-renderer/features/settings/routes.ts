import type { RouteRecordRaw } from 'vue-router'
import type { NavEntry } from '../../shared/ui/nav-entry'

export const routes: RouteRecordRaw[] = [{ path: '/settings', name: 'settings', component: () => import('./SettingsView.vue') }]

export const nav: NavEntry = { route: 'settings', label: 'app.nav.settings', icon: 'settings', order: 90 }
